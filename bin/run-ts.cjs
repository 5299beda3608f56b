#!/usr/bin/env node
// Runs a TypeScript entry point under Node with tsx's CommonJS loader: `node bin/run-ts.cjs file.ts args...`.
// Used by the CLI, the benchmarks and worker threads started from source, so no build step is needed.
'use strict';
const path = require('node:path');
require('tsx/cjs/api').register();
const entry = process.argv[2];
if (!entry) {
  console.error('usage: node bin/run-ts.cjs FILE.ts [args...]');
  process.exit(2);
}
process.argv.splice(1, 2, path.resolve(entry));
require(path.resolve(entry));
