/**
 * Imported first by main.ts, before any contract schema is built: zod otherwise probes `new Function` to
 * pick a faster parser, and under the app's strict CSP that probe is reported as a violation. The renderer
 * never parses with these schemas (main validates), so the slower path costs nothing.
 */
import { z } from 'zod';

z.config({ jitless: true });
