#!/usr/bin/env node
// Dependency audit of the production tree: runs `npm audit --omit=dev --json` and judges its answer.
//   pass         no high or critical advisory, or each one is explained in scripts/audit-exceptions.json
//   fail         a high or critical advisory with no explanation (exit 1; each is listed)
//   unavailable  the registry would not audit (these build machines answer HTTP 405 for the advisory endpoint):
//                says so in one line and exits 0, or 3 with --strict, since no verdict was reached
// Usage: node scripts/dependency-audit.cjs [--strict]   (npm run audit; CI runs it before `npm test`)
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const BLOCKING = ['high', 'critical'];

/**
 * The verdict on one `npm audit --json` answer. `exceptions` lists explained advisories:
 * [{ package, advisory (URL or GHSA id), reason }].
 */
function auditVerdict(report, exceptions = []) {
  if (!report || typeof report !== 'object' || report.auditReportVersion === undefined) {
    const why =
      report && typeof report === 'object' && (report.message || (report.error && report.error.summary))
        ? String(report.message || report.error.summary)
        : 'npm audit gave no report';
    return { status: 'unavailable', why, findings: [] };
  }
  const findings = [];
  for (const [name, vulnerability] of Object.entries(report.vulnerabilities || {})) {
    if (!BLOCKING.includes(vulnerability.severity)) continue;
    // `via` holds advisories (objects) and the names of vulnerable dependencies they come through (strings).
    const advisories = (vulnerability.via || []).filter((via) => typeof via === 'object');
    findings.push({
      package: name,
      severity: vulnerability.severity,
      advisories: advisories.map((a) => ({ id: a.url || String(a.source), title: a.title || '' })),
      through: (vulnerability.via || []).filter((via) => typeof via === 'string'),
      explained: false,
    });
  }
  const isExplained = (name, id) =>
    exceptions.some((e) => e.package === name && (id === e.advisory || id.endsWith(`/${e.advisory}`)));
  const severityOf = (name) => (report.vulnerabilities[name] || {}).severity;
  const explainedNames = new Set();
  // A package is explained when each of its own advisories is, and each package it is vulnerable through is
  // explained or below high; repeat until nothing changes, since explanations travel up the dependency chain.
  for (let changed = true; changed;) {
    changed = false;
    for (const f of findings) {
      if (f.explained) continue;
      const own = f.advisories.every((a) => isExplained(f.package, a.id));
      const through = f.through.every((dep) => explainedNames.has(dep) || !BLOCKING.includes(severityOf(dep)));
      if (own && through && f.advisories.length + f.through.length > 0) {
        f.explained = true;
        explainedNames.add(f.package);
        changed = true;
      }
    }
  }
  const unexplained = findings.filter((f) => !f.explained);
  return { status: unexplained.length > 0 ? 'fail' : 'pass', why: '', findings };
}

function readExceptions(root) {
  const file = path.join(root, 'scripts', 'audit-exceptions.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : [];
}

function main() {
  const root = path.resolve(__dirname, '..');
  const strict = process.argv.includes('--strict');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { cwd: root, encoding: 'utf8' });
  let report = null;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = { message: (run.stderr || '').trim().split('\n').pop() || 'npm audit printed no JSON' };
  }
  const verdict = auditVerdict(report, readExceptions(root));
  if (verdict.status === 'unavailable') {
    console.warn(
      `dependency audit: NOT RUN — the registry would not audit (${verdict.why}). ` +
        "README 'Reliability and security tests' records the hand review of the production tree; run `npm run audit` where audits work.",
    );
    process.exit(strict ? 3 : 0);
  }
  for (const f of verdict.findings) {
    const ids = f.advisories.map((a) => `${a.id}${a.title ? ` (${a.title})` : ''}`).join(', ');
    const via = f.through.length ? ` via ${f.through.join(', ')}` : '';
    console.log(`${f.explained ? 'explained' : 'UNEXPLAINED'} ${f.severity}: ${f.package}${via} ${ids}`);
  }
  const counts = (report.metadata && report.metadata.vulnerabilities) || {};
  console.log(
    `dependency audit: ${verdict.status} (production tree: ${counts.critical || 0} critical, ${counts.high || 0} high, ` +
      `${counts.moderate || 0} moderate, ${counts.low || 0} low)`,
  );
  process.exit(verdict.status === 'fail' ? 1 : 0);
}

if (require.main === module) main();
module.exports = { auditVerdict };
