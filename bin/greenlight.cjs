#!/usr/bin/env node
// The `greenlight` command. Runs the TypeScript CLI from source through tsx, so it works right after
// `npm install`. npm puts the project's Node 22 (the `node` devDependency) first on PATH for npx and scripts.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(
    `greenlight needs Node 22 or newer (this is Node ${process.versions.node}). ` +
      "Run it through npm so the project's own Node 22 is used: `npx greenlight ...` or `npm run greenlight -- ...`.",
  );
  process.exit(1);
}
require('tsx/cjs/api').register();
require('../src-main/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code ?? 0;
  })
  .catch((err) => {
    console.error(`greenlight: ${err && err.message ? err.message : String(err)}`);
    process.exitCode = 1;
  });
