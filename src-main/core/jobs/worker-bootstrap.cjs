// Starts the training worker from TypeScript source (CLI, tests, `npm run bench`): registers tsx's CommonJS
// loader in this thread, then loads worker.ts. The Electron build points the pool at a bundled chunk instead.
'use strict';
require('tsx/cjs/api').register();
require('./worker.ts');
