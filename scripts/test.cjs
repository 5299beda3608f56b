#!/usr/bin/env node
// `npm test`: runs vitest over every project (unit, component, reliability, e2e), passing arguments through
// (`npm test -- --project unit`, `npm test -- test/unit/foo.test.ts`), keeps vitest's own output, and ends with
// one plain line `N passed, N failed, N skipped` read from vitest's JSON report. Exits with vitest's exit code.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');

/** The summary line from vitest's JSON report; pending and todo tests count as skipped. */
function summaryLine(report) {
  const passed = report.numPassedTests ?? 0;
  const failed = report.numFailedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  // A file that fails to load (syntax error, failing hook) has no failed test but is a failure all the same.
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && (file.assertionResults ?? []).every((t) => t.status !== 'failed'),
  ).length;
  const failedText = brokenFiles > 0 ? `${failed + brokenFiles} failed` : `${failed} failed`;
  return `${passed} passed, ${failedText}${skipped > 0 ? `, ${skipped} skipped` : ''}`;
}

function main() {
  // Kept after the run (test/artifacts is git-ignored): the full machine-readable result of the last `npm test`.
  const dir = path.join(root, 'test', 'artifacts');
  fs.mkdirSync(dir, { recursive: true });
  const reportFile = path.join(dir, 'vitest-report.json');
  fs.rmSync(reportFile, { force: true });
  const args = [
    vitest,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...process.argv.slice(2),
  ];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('close', (code, signal) => {
    let line = 'vitest ended without a report (see its output above)';
    try {
      line = summaryLine(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
    } catch {
      // keep the line above
    }
    process.stdout.write(`\n${line}\n`);
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

if (require.main === module) main();
module.exports = { summaryLine };
