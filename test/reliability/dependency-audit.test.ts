// The dependency audit's verdict (scripts/dependency-audit.cjs) on npm audit answers: the one these build machines
// get (HTTP 405: no verdict, said as such, never a pass) and a version-2 audit report with high and critical
// advisories (a failure unless each advisory is explained).
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { auditVerdict } = require('../../scripts/dependency-audit.cjs') as {
  auditVerdict: (
    report: unknown,
    exceptions?: { package: string; advisory: string; reason: string }[],
  ) => { status: string; why: string; findings: { package: string; severity: string; explained: boolean }[] };
};
const fixture = (name: string): unknown =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'audit', name), 'utf8'));

describe('dependency audit verdict', () => {
  it('says the audit did not run when the registry refuses it, naming the reason', () => {
    const verdict = auditVerdict(fixture('endpoint-405.json'));
    expect(verdict.status).toBe('unavailable');
    expect(verdict.why).toContain('405 Method Not Allowed');
  });

  it('treats output that is not a report as no verdict', () => {
    expect(auditVerdict(null).status).toBe('unavailable');
    expect(auditVerdict({}).status).toBe('unavailable');
  });

  it('fails on high and critical advisories and ignores moderate ones', () => {
    const verdict = auditVerdict(fixture('report-v2.json'));
    expect(verdict.status).toBe('fail');
    expect(verdict.findings.map((f) => `${f.package}:${f.severity}`).sort()).toEqual([
      'left-pad-ish:high',
      'wrapper-lib:critical',
    ]);
  });

  it('passes once the advisory is explained; a package reached only through it needs no entry of its own', () => {
    const explained = [
      { package: 'left-pad-ish', advisory: 'GHSA-aaaa-bbbb-cccc', reason: 'only reached from build scripts' },
    ];
    const verdict = auditVerdict(fixture('report-v2.json'), explained);
    // wrapper-lib has no advisory of its own: it is vulnerable only through left-pad-ish, explained above.
    expect(verdict.findings.map((f) => f.explained)).toEqual([true, true]);
    expect(verdict.status).toBe('pass');
  });

  it('a package vulnerable through an unexplained one stays unexplained', () => {
    const verdict = auditVerdict(fixture('report-v2.json'), []);
    expect(verdict.findings.find((f) => f.package === 'wrapper-lib')?.explained).toBe(false);
  });

  it('an explanation for another package does not cover the advisory', () => {
    const wrong = [{ package: 'tiny-thing', advisory: 'GHSA-aaaa-bbbb-cccc', reason: 'x' }];
    expect(auditVerdict(fixture('report-v2.json'), wrong).findings.every((f) => !f.explained)).toBe(true);
  });
});
