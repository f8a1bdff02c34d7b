import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';

/** bench/results/latest.json (ignored by git): the figures of the last run, for the next one to compare with. */
export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
const LATEST = `${RESULTS_DIR}latest.json`;

export interface BenchResults {
  finishedAt: string;
  seconds: number;
  connections: number;
  machine: { cpus: number; node: string; loadAverage1m: number };
  /** The figures compared run to run, by name: requests per second, ratios, CPU per request. */
  figures: Record<string, number>;
  /** Everything measured, as the runs returned it. */
  details: Record<string, unknown>;
}

/** Figures whose rise is a regression (latencies, CPU per request); every other one is better higher. */
const LOWER_IS_BETTER = /(Ms|Us)$/;

export function machineFacts(loadAverage1m: number): BenchResults['machine'] {
  return { cpus: cpus().length, node: process.version, loadAverage1m };
}

/** Writes the results, and returns one line per figure that a previous latest.json also had, with the change. */
export function saveResults(results: BenchResults): string[] {
  const previous = existsSync(LATEST) ? (JSON.parse(readFileSync(LATEST, 'utf8')) as Partial<BenchResults>) : null;
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(LATEST, `${JSON.stringify(results, null, 2)}\n`);
  if (!previous?.figures) {
    return [`results: bench/results/latest.json (no previous run to compare with)`];
  }
  const lines = [
    `results: bench/results/latest.json; change since the previous run (${previous.finishedAt}, ` +
      `${previous.seconds} s per run, load ${previous.machine?.loadAverage1m?.toFixed(1) ?? '?'}; now load ` +
      `${results.machine.loadAverage1m.toFixed(1)}):`,
  ];
  for (const [name, value] of Object.entries(results.figures)) {
    const before = previous.figures[name];
    if (before === undefined || !Number.isFinite(before) || before === 0) {
      continue;
    }
    const change = (100 * (value - before)) / before;
    const better = LOWER_IS_BETTER.test(name) ? change < 0 : change > 0;
    lines.push(
      `  ${name.padEnd(34)} ${format(before).padStart(9)} → ${format(value).padStart(9)}` +
        `  ${change >= 0 ? '+' : ''}${change.toFixed(1)}%${Math.abs(change) >= 10 ? (better ? ' (better)' : ' (worse)') : ''}`,
    );
  }
  return lines;
}

function format(value: number): string {
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}
