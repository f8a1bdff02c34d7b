#!/usr/bin/env node
// `npm run security`: Electronegativity over the Electron sources (electron/), gated on its CSV report.
// It exits 0 even with HIGH findings, so this script decides: no HIGH finding; a MEDIUM one only from a check
// that flags every use of a feature whatever its settings (see REVIEW_ONLY_CHECKS), and only when reviewed in
// docs/security.md; every LOW finding listed there with its justification. Reviewed entries that no longer
// match a finding fail too, so the document cannot drift from the code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const toolDir = join(root, 'tools/electronegativity');
const tool = join(toolDir, 'node_modules/@doyensec/electronegativity/dist/index.js');
const report = join(root, 'reports/electronegativity.csv');
const reviewDoc = join(root, 'docs/security.md');

/** Checks that report any preload, or any openExternal with a computed URL, however it is guarded. */
export const REVIEW_ONLY_CHECKS = new Set(['PRELOAD_JS_CHECK', 'OPEN_EXTERNAL_JS_CHECK']);

/** Rows of Electronegativity's CSV. Its `sample` column may hold unquoted commas, so read the fixed columns only. */
export function parseFindings(csv) {
  return csv
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const match = /^([A-Z_]+),"(\w+)","(\w+)","([^"]*)","(\d+:\d+)",/.exec(line);
      if (!match) {
        throw new Error(`Cannot read this line of the Electronegativity report:\n${line}`);
      }
      const [, check, severity, confidence, file, location] = match;
      return { check, severity, confidence, file, location };
    });
}

/** Lines `- \`CHECK\` · SEVERITY · \`file\` — justification` under the heading "## Reviewed scanner findings". */
export function parseReviewedFindings(markdown) {
  const section = markdown.split(/^## /m).find((part) => part.startsWith('Reviewed scanner findings'));
  if (section === undefined) {
    throw new Error('docs/security.md has no "## Reviewed scanner findings" section.');
  }
  const rows = new Map();
  for (const line of section.split('\n')) {
    const match = /^- `([A-Z_]+)` · (HIGH|MEDIUM|LOW|INFORMATIONAL) · `([^`]+)` — (.*)$/.exec(line.trim());
    if (match) {
      const [, check, severity, file, justification] = match;
      rows.set(`${check} ${severity} ${file}`, justification.trim());
    }
  }
  return rows;
}

/** Every reason the scan does not pass; empty when it does. */
export function gateProblems(findings, reviewed) {
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
    } else if (reviewed.get(key).length < 40) {
      problems.push(`${where}: the justification in docs/security.md is too short to be one.`);
    } else {
      used.add(key);
    }
  }
  for (const key of reviewed.keys()) {
    if (!used.has(key) && !findings.some((finding) => `${finding.check} ${finding.severity} ${finding.file}` === key)) {
      problems.push(`docs/security.md justifies "${key}", which the scan no longer reports: remove the entry.`);
    }
  }
  return problems;
}

function fail(message) {
  console.error(`security: ${message}`);
  process.exit(1);
}

function main() {
  if (!existsSync(tool)) {
    fail('Electronegativity is not installed. Run `npm ci` in tools/electronegativity (CI does: see .ci/run).');
  }
  const electronVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
  mkdirSync(join(root, 'reports'), { recursive: true });
  rmSync(report, { force: true });
  const args = ['-i', 'electron', '-r', '-v', 'false', '-e', electronVersion, '-o', report];
  // AvailableSecurityFixesGlobalCheck asks the network for Electron releases, which this machine cannot reach.
  args.push('-x', 'AvailableSecurityFixesGlobalCheck');
  const serializeWrites = join(toolDir, 'serialize-writes.cjs');
  const run = spawnSync(process.execPath, ['-r', serializeWrites, tool, ...args], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0 || !existsSync(report)) {
    fail(`Electronegativity did not finish (exit ${run.status}).\n${run.stdout}\n${run.stderr}`);
  }
  let findings;
  let reviewed;
  try {
    findings = parseFindings(readFileSync(report, 'utf8'));
    reviewed = parseReviewedFindings(readFileSync(reviewDoc, 'utf8'));
  } catch (error) {
    fail(error.message);
  }
  console.log(`Electronegativity: ${findings.length} finding(s); report: reports/electronegativity.csv`);
  for (const finding of findings) {
    console.log(`  ${finding.severity.padEnd(6)} ${finding.check} electron/${finding.file}:${finding.location}`);
  }
  const problems = gateProblems(findings, reviewed);
  if (problems.length > 0) {
    fail(`the scan did not pass:\n${problems.map((problem) => `  ✗ ${problem}`).join('\n')}`);
  }
  console.log('security: passed (no HIGH; every remaining finding reviewed in docs/security.md).');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main();
}
