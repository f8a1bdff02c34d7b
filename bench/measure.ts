import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface RunSummary {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  statuses: Record<string, number>;
  errors: number;
  /** CPU the server process spent per answered request (all its threads), when its pid was given. */
  serverCpuUsPerRequest?: number;
  /** The part of it spent in the kernel (sockets, file writes). */
  serverSystemCpuUsPerRequest?: number;
}

export interface RunOptions {
  name: string;
  url: string;
  durationSeconds: number;
  connections: number;
  method?: 'GET' | 'POST';
  body?: string;
  /** Builds each request's body on the fly (prepared challenges, rotating codes). */
  nextBody?: () => string;
  /** Sees every response: status, headers (lower-cased names) and how long it took. */
  onResponse?: (status: number, headers: Record<string, string>, latencyMs: number) => void;
  /** The server's process id: its CPU time is read from /proc around the run (Linux). */
  serverPid?: number;
}

/** User and system CPU of a process in microseconds, from /proc/<pid>/stat (clock ticks of 10 ms). */
function processCpuUs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10_000, system: Number(fields[12]) * 10_000 };
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export async function runLoad(options: RunOptions): Promise<RunSummary> {
  const headerLog: Array<Record<string, string>> = [];
  const request: autocannon.Request = {
    method: options.method ?? 'GET',
    headers: { 'content-type': 'application/json' },
    ...(options.body ? { body: options.body } : {}),
    ...(options.nextBody ? { setupRequest: (req: autocannon.Request) => ({ ...req, body: options.nextBody!() }) } : {}),
    ...(options.onResponse
      ? {
          onResponse: (_status: number, _body: string, _context: object, headers: autocannon.Request['headers']) => {
            headerLog.push(lowerCaseHeaders(headers ?? {}));
          },
        }
      : {}),
  };
  const cpuBefore = options.serverPid ? processCpuUs(options.serverPid) : null;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, duration: options.durationSeconds, requests: [request] },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error as Error) : resolve(finished)),
    );
    if (options.onResponse) {
      // The tracker's 'response' event carries the latency; the request-level callback (just before it) the headers.
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        options.onResponse!(statusCode, headerLog.shift() ?? {}, responseTime);
      });
    }
  });
  const cpuAfter = options.serverPid ? processCpuUs(options.serverPid) : null;
  const answered = Math.max(1, result.requests.total);
  const statuses: Record<string, number> = {};
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) {
    statuses[status] = stat.count ?? 0;
  }
  return {
    name: options.name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    statuses,
    errors: result.errors,
    ...(cpuBefore && cpuAfter
      ? {
          serverCpuUsPerRequest: (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / answered,
          serverSystemCpuUsPerRequest: (cpuAfter.system - cpuBefore.system) / answered,
        }
      : {}),
  };
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
