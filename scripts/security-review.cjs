#!/usr/bin/env node
// Electron security review with Electronegativity (@doyensec/electronegativity): scans the Electron shell's
// source (src-main/electron) and, when built, the bundled app (out: main, preload, renderer), prints every finding,
// writes them to test/artifacts/electronegativity.json, and exits 1 on any HIGH-severity finding.
// Usage: node scripts/security-review.cjs [--fail-on medium]  (CI runs it before `npm test`).
//
// Electronegativity's own CLI is broken with the commander version npm hoists here ("version is not a
// function"), so this calls its programmatic API. Its check for newer Electron security releases needs the
// network; offline it says "No connectivity?" and the other checks still run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'];
const failAtIndex = process.argv.indexOf('--fail-on');
const failOn = (failAtIndex > 0 ? process.argv[failAtIndex + 1] : 'high').toUpperCase();
if (!SEVERITIES.includes(failOn)) {
  console.error(`--fail-on: "${failOn}" is not one of ${SEVERITIES.join(', ').toLowerCase()}`);
  process.exit(2);
}

/** The Electron version the app ships (package.json), so version-dependent checks judge the right defaults. */
function electronVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const range =
    (pkg.devDependencies && pkg.devDependencies.electron) || (pkg.dependencies && pkg.dependencies.electron);
  return range ? range.replace(/^[^\d]*/, '') : undefined;
}

async function main() {
  let run;
  try {
    run = require('@doyensec/electronegativity');
  } catch {
    console.error('security review: @doyensec/electronegativity is not installed (npm install first).');
    process.exit(2);
  }
  // Each target is scanned as one app: the global checks (navigation limits, CSP, permission handler) look at
  // all of its files together, so main and preload of the build must be scanned together, not one by one.
  const targets = ['src-main/electron', 'out'].filter((t) => fs.existsSync(path.join(root, t)));
  const version = electronVersion();
  const findings = [];
  for (const target of targets) {
    const result = await run({
      input: path.join(root, target),
      isRelative: true,
      electronVersionOverride: version,
      // TypeScript sources need the typescript parser plugin; the bundled .js output must not have it (it
      // clashes with the flow plugin Electronegativity uses for .js, and every file would go unparsed).
      parserPlugins: target.startsWith('src-') ? ['typescript'] : [],
    });
    for (const error of result.errors || [])
      console.warn(`security review: could not parse ${error.file}: ${error.message || error.error}`);
    for (const issue of result.issues) {
      findings.push({
        target,
        id: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        file: path.join(target, issue.file),
        line: issue.location ? issue.location.line : null,
        manualReview: Boolean(issue.manualReview),
        description: issue.description,
      });
    }
  }
  findings.sort((a, b) => SEVERITIES.indexOf(b.severity) - SEVERITIES.indexOf(a.severity));
  const artifacts = path.join(root, 'test', 'artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.writeFileSync(
    path.join(artifacts, 'electronegativity.json'),
    `${JSON.stringify({ electron: version, targets, findings }, null, 2)}\n`,
  );

  console.log(
    `Electronegativity over ${targets.join(', ')} (Electron ${version}): ${findings.length} finding${findings.length === 1 ? '' : 's'}`,
  );
  for (const f of findings) {
    console.log(
      `  ${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id.padEnd(26)} ${f.file}:${f.line}${f.manualReview ? '  (review)' : ''}`,
    );
  }
  const failing = findings.filter((f) => SEVERITIES.indexOf(f.severity) >= SEVERITIES.indexOf(failOn));
  if (failing.length > 0) {
    console.error(
      `security review: ${failing.length} finding${failing.length === 1 ? '' : 's'} at ${failOn} severity or above. Fix them or explain them.`,
    );
    process.exit(1);
  }
  console.log(`security review: no finding at ${failOn} severity or above.`);
}

main().catch((err) => {
  console.error(`security review failed to run: ${err && err.stack ? err.stack : err}`);
  process.exit(2);
});
