import { percentile, runLoad, type RunSummary } from './measure';

export interface OverloadReport {
  summary: RunSummary;
  lines: string[];
}

interface ShedResponse {
  atMs: number;
  latencyMs: number;
  retryAfter: boolean;
}

/**
 * Password login with far more connections than the hashing queue holds. A server that sheds load answers the
 * excess with a fast 503 + Retry-After; one that queues shows 503 (or all) latencies climbing through the run.
 */
export async function runLoginOverload(
  url: string,
  nextBody: () => string,
  durationSeconds: number,
): Promise<OverloadReport> {
  const started = performance.now();
  const shed: ShedResponse[] = [];
  const served: Array<{ atMs: number; latencyMs: number }> = [];
  const summary = await runLoad({
    name: 'login overload',
    url,
    method: 'POST',
    nextBody,
    durationSeconds,
    connections: 256,
    onResponse: (status, headers, latencyMs) => {
      if (status === 503) {
        const retryAfter = /^\d+$/.test(headers['retry-after'] ?? '');
        shed.push({ atMs: performance.now() - started, latencyMs, retryAfter });
      } else if (status === 200) {
        served.push({ atMs: performance.now() - started, latencyMs });
      }
    },
  });
  const total = Object.values(summary.statuses).reduce((sum, count) => sum + count, 0);
  const shedLatencies = shed.map((entry) => entry.latencyMs);
  const thirdMs = (durationSeconds * 1000) / 3;
  const byThird = (entries: Array<{ atMs: number; latencyMs: number }>) =>
    [0, 1, 2].map((third) =>
      entries
        .filter((entry) => entry.atMs >= third * thirdMs && entry.atMs < (third + 1) * thirdMs)
        .map((entry) => entry.latencyMs),
    );
  const servedLatencies = served.map((entry) => entry.latencyMs);
  const p99s = (thirds: number[][]) => thirds.map((latencies) => percentile(latencies, 0.99).toFixed(1)).join(' ms → ');
  return {
    summary,
    lines: [
      `  503 share ${((100 * shed.length) / Math.max(1, total)).toFixed(1)}% (${shed.length}/${total}),` +
        ` with Retry-After ${shed.filter((entry) => entry.retryAfter).length}/${shed.length};` +
        ` 503 p50 ${percentile(shedLatencies, 0.5).toFixed(1)} ms p99 ${percentile(shedLatencies, 0.99).toFixed(1)} ms;` +
        ` served logins p50 ${percentile(servedLatencies, 0.5).toFixed(1)} ms p99 ${percentile(servedLatencies, 0.99).toFixed(1)} ms`,
      `  503 p99 by third of the run (a growing queue would climb): ${p99s(byThird(shed))} ms`,
      `  served logins p99 by third of the run: ${p99s(byThird(served))} ms`,
    ],
  };
}
