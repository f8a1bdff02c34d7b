#!/usr/bin/env node
// `npm run security`: Electronegativity over the Electron sources (electron/), gated on its CSV report.
// It exits 0 even with HIGH findings, so this script decides: no HIGH finding; a MEDIUM one only from a check
// that flags every use of a feature whatever its settings (see REVIEW_ONLY_CHECKS), and only when reviewed in
// docs/security.md; every LOW finding listed there with its justification. Reviewed entries that no longer
// match a finding fail too, so the document cannot drift from the code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const toolDir = join(root, 'tools/electronegativity');
const tool = join(toolDir, 'node_modules/@doyensec/electronegativity/dist/index.js');
const reportDir = join(root, 'reports');
const report = join(reportDir, 'electronegativity.csv');
const reviewDoc = join(root, 'docs/security.md');

/** Checks that report any preload or any openExternal with a computed URL, however it is guarded. */
const REVIEW_ONLY_CHECKS = new Set(['PRELOAD_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(1);
}

if (!existsSync(tool)) {
  fail('Electronegativity is not installed. Run `npm ci` in tools/electronegativity (CI does: see .ci/run).');
}
const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
mkdirSync(reportDir, { recursive: true });
const args = ['-i', 'electron', '-r', '-v', 'false', '-e', electronVersion, '-o', report];
// AvailableSecurityFixesGlobalCheck asks the network for Electron releases, which this machine cannot reach.
args.push('-x', 'AvailableSecurityFixesGlobalCheck');
rmSync(report, { force: true });
const serializeWrites = join(toolDir, 'serialize-writes.cjs');
const run = spawnSync(process.execPath, ['-r', serializeWrites, tool, ...args], { cwd: root, encoding: 'utf8' });
if (run.status !== 0 || !existsSync(report)) {
  fail(`Electronegativity did not finish (exit ${run.status}).\n${run.stdout}\n${run.stderr}`);
}

const findings = readFileSync(report, 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const match = /^([A-Z_]+),"(\w+)","(\w+)","([^"]*)","(\d+:\d+)",(.*)$/.exec(line);
    if (!match) {
      fail(`Cannot read this line of ${report}:\n${line}`);
    }
    const [, check, severity, confidence, file, location] = match;
    return { check, severity, confidence, file, location };
  });

const reviewed = parseReviewedFindings(readFileSync(reviewDoc, 'utf8'));
const problems = [];
const used = new Set();
for (const finding of findings) {
  const key = `${finding.check} ${finding.severity} ${finding.file}`;
  const where = `${finding.check} (${finding.severity}, ${finding.confidence}) at electron/${finding.file}:${finding.location}`;
  if (finding.severity === 'HIGH') {
    problems.push(`${where}: HIGH findings are never accepted.`);
  } else if (finding.severity === 'MEDIUM' && !REVIEW_ONLY_CHECKS.has(finding.check)) {
    problems.push(`${where}: MEDIUM findings are accepted only from review-only checks; fix the code.`);
  } else if (!reviewed.has(key)) {
    problems.push(`${where}: not justified in docs/security.md (Reviewed scanner findings).`);
  } else {
    used.add(key);
  }
}
for (const key of reviewed.keys()) {
  if (!used.has(key)) {
    problems.push(`docs/security.md justifies "${key}", which the scan no longer reports: remove the row.`);
  }
}

console.log(`Electronegativity ${findings.length} finding(s); report: ${report.replace(root, '')}`);
for (const finding of findings) {
  console.log(`  ${finding.severity.padEnd(6)} ${finding.check} electron/${finding.file}:${finding.location}`);
}
if (problems.length > 0) {
  fail(`the scan did not pass:\n${problems.map((problem) => `  ✗ ${problem}`).join('\n')}`);
}
console.log('security: passed (no HIGH; every remaining finding reviewed in docs/security.md).');

/** Lines `- \`CHECK\` · SEVERITY · \`file\` — justification` under the heading "## Reviewed scanner findings". */
function parseReviewedFindings(markdown) {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Reviewed scanner findings'));
  if (section === undefined) {
    fail('docs/security.md has no "## Reviewed scanner findings" section.');
  }
  const rows = new Map();
  for (const line of section.split('\n')) {
    const match = /^- `([A-Z_]+)` · (HIGH|MEDIUM|LOW|INFORMATIONAL) · `([^`]+)` — (.*)$/.exec(line.trim());
    if (!match) {
      continue;
    }
    const [, check, severity, file, justification] = match;
    if (justification.trim().length < 40) {
      fail(`docs/security.md: the entry for ${check} in ${file} needs a real justification.`);
    }
    rows.set(`${check} ${severity} ${file}`, justification);
  }
  return rows;
}
