import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './builder-config';

interface Finding {
  check: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
}
interface SecurityGate {
  parseFindings(csv: string): Finding[];
  parseReviewedFindings(markdown: string): Map<string, string>;
  gateProblems(findings: Finding[], reviewed: Map<string, string>): string[];
}

const gate = (await import(pathToFileURL(join(ROOT, 'scripts/security.mjs')).href)) as SecurityGate;

const header = 'issue, severity, confidence, filename, location, sample, description, url';
const csv = (...rows: string[]) => [header, ...rows, ''].join('\n');
const row = (check: string, severity: string, file: string, sample = 'x') =>
  `${check},"${severity}","FIRM","${file}","1:2",${sample},"d",https://github.com/doyensec/electronegativity/wiki/${check}`;
const why = 'A justification long enough to say why this finding does not apply here.';
const reviewedDoc = (...entries: string[]) =>
  `# Security\n\n## Reviewed scanner findings\n${entries.join('\n')}\n\n## Next\n`;

describe('security gate (scripts/security.mjs)', () => {
  it("reads Electronegativity's CSV even when a sample holds commas", () => {
    const findings = gate.parseFindings(
      csv(row('OPEN_EXTERNAL_JS_CHECK', 'MEDIUM', 'main/a.ts', 'shell.openExternal(url, { a: 1 })')),
    );
    expect(findings).toEqual([
      { check: 'OPEN_EXTERNAL_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'main/a.ts', location: '1:2' },
    ]);
    expect(() => gate.parseFindings(csv("f'; script-src 'self'\",\"garbled"))).toThrow(/Cannot read/);
  });

  it('passes when every finding is a justified LOW or a reviewed review-only MEDIUM', () => {
    const findings = gate.parseFindings(
      csv(row('CSP_GLOBAL_CHECK', 'LOW', 'main/p.ts'), row('PRELOAD_JS_CHECK', 'MEDIUM', 'main/w.ts')),
    );
    const reviewed = gate.parseReviewedFindings(
      reviewedDoc(
        `- \`CSP_GLOBAL_CHECK\` · LOW · \`main/p.ts\` — ${why}`,
        `- \`PRELOAD_JS_CHECK\` · MEDIUM · \`main/w.ts\` — ${why}`,
      ),
    );
    expect(gate.gateProblems(findings, reviewed)).toEqual([]);
  });

  it('fails on any HIGH finding, even one listed as reviewed', () => {
    const findings = gate.parseFindings(csv(row('CONTEXT_ISOLATION_JS_CHECK', 'HIGH', 'main/w.ts')));
    const reviewed = gate.parseReviewedFindings(
      reviewedDoc(`- \`CONTEXT_ISOLATION_JS_CHECK\` · HIGH · \`main/w.ts\` — ${why}`),
    );
    expect(gate.gateProblems(findings, reviewed)).toEqual([expect.stringMatching(/HIGH findings are never accepted/)]);
  });

  it('fails on a MEDIUM finding from a check that can be satisfied by fixing the code', () => {
    const findings = gate.parseFindings(csv(row('SANDBOX_JS_CHECK', 'MEDIUM', 'main/w.ts')));
    const reviewed = gate.parseReviewedFindings(
      reviewedDoc(`- \`SANDBOX_JS_CHECK\` · MEDIUM · \`main/w.ts\` — ${why}`),
    );
    expect(gate.gateProblems(findings, reviewed)).toEqual([expect.stringMatching(/fix the code/)]);
  });

  it('fails on an unjustified LOW finding, a one-word justification, or an entry in another file', () => {
    const findings = gate.parseFindings(csv(row('CSP_GLOBAL_CHECK', 'LOW', 'main/p.ts')));
    expect(gate.gateProblems(findings, gate.parseReviewedFindings(reviewedDoc()))).toEqual([
      expect.stringMatching(/not justified/),
    ]);
    const short = gate.parseReviewedFindings(reviewedDoc('- `CSP_GLOBAL_CHECK` · LOW · `main/p.ts` — fine'));
    expect(gate.gateProblems(findings, short)).toEqual([expect.stringMatching(/too short/)]);
    const elsewhere = gate.parseReviewedFindings(
      reviewedDoc(`- \`CSP_GLOBAL_CHECK\` · LOW · \`main/other.ts\` — ${why}`),
    );
    expect(gate.gateProblems(findings, elsewhere)).toEqual([
      expect.stringMatching(/not justified/),
      expect.stringMatching(/no longer reports/),
    ]);
  });

  it('fails on a reviewed entry the scan no longer reports, so the page cannot drift', () => {
    const reviewed = gate.parseReviewedFindings(
      reviewedDoc(`- \`PRELOAD_JS_CHECK\` · MEDIUM · \`main/w.ts\` — ${why}`),
    );
    expect(gate.gateProblems([], reviewed)).toEqual([expect.stringMatching(/no longer reports/)]);
  });

  it("reads the project's own docs/security.md entries", () => {
    const reviewed = gate.parseReviewedFindings(readFileSync(join(ROOT, 'docs/security.md'), 'utf8'));
    expect(reviewed.size).toBeGreaterThan(0);
    for (const justification of reviewed.values()) {
      expect(justification.length).toBeGreaterThanOrEqual(40);
    }
  });
});
