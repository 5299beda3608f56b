// Starts a scoring worker from TypeScript source (the CLI and benches run from source through tsx).
'use strict';
require('tsx/cjs/api').register();
require('./score-worker.ts');
