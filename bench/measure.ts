import { readdirSync, readFileSync } from 'node:fs';
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
  /** CPU of the database server's processes per answered request (PostgreSQL), when their name was given. */
  databaseCpuUsPerRequest?: number;
}

export interface RunOptions {
  name: string;
  url: string;
  durationSeconds: number;
  connections: number;
  /** Stop after this many requests instead of after durationSeconds (a sizing run). */
  amount?: number;
  method?: 'GET' | 'POST';
  body?: string;
  /** Sent with every request, besides `content-type: application/json`. */
  headers?: Record<string, string>;
  /** Builds each request's body on the fly (prepared challenges, rotating codes). */
  nextBody?: () => string;
  /** Builds each request's body and extra headers on the fly (e.g. a challenge cookie rotated per request). */
  nextRequest?: () => { body: string; headers?: Record<string, string> };
  /** Sees every response: status, headers (lower-cased names), how long it took and its body. */
  onResponse?: (status: number, headers: Record<string, string>, latencyMs: number, body: string) => void;
  /** The server's process id: its CPU time is read from /proc around the run (Linux). */
  serverPid?: number;
  /** The database server's process name (`postgres`): the CPU of all its processes is read the same way. */
  databaseProcessName?: string;
}

/** User and system CPU of a process in microseconds, from /proc/<pid>/stat (clock ticks of 10 ms). */
function processCpuUs(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10_000, system: Number(fields[12]) * 10_000 };
}

/** Summed user and system CPU of every process whose command name is `name` (all PostgreSQL backends). */
function cpuOfProcessesNamed(name: string): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === name) {
        const { user, system } = processCpuUs(Number(entry));
        total += user + system;
      }
    } catch {
      // The process ended between the listing and the read.
    }
  }
  return total;
}

function lowerCaseHeaders(headers: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), String(value)]));
}

export async function runLoad(options: RunOptions): Promise<RunSummary> {
  const responseLog: Array<{ headers: Record<string, string>; body: string }> = [];
  const headers = { 'content-type': 'application/json', ...options.headers };
  const nextRequest: RunOptions['nextRequest'] =
    options.nextRequest ?? (options.nextBody ? () => ({ body: options.nextBody!() }) : undefined);
  const request: autocannon.Request = {
    method: options.method ?? 'GET',
    headers,
    ...(options.body ? { body: options.body } : {}),
    ...(nextRequest
      ? {
          setupRequest: (req: autocannon.Request) => {
            const next = nextRequest();
            return { ...req, body: next.body, headers: { ...headers, ...next.headers } };
          },
        }
      : {}),
    ...(options.onResponse
      ? {
          onResponse: (_status: number, body: string, _context: object, headers: autocannon.Request['headers']) => {
            responseLog.push({ headers: lowerCaseHeaders(headers ?? {}), body });
          },
        }
      : {}),
  };
  const cpuBefore = options.serverPid ? processCpuUs(options.serverPid) : null;
  const databaseCpuBefore = options.databaseProcessName ? cpuOfProcessesNamed(options.databaseProcessName) : 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds }),
        requests: [request],
      },
      (error: unknown, finished: autocannon.Result) => (error ? reject(error as Error) : resolve(finished)),
    );
    if (options.onResponse) {
      // The tracker's 'response' event carries the latency; the request-level callback (just before it) the headers
      // and body.
      instance.on('response', (_client, statusCode, _bytes, responseTime) => {
        const response = responseLog.shift();
        options.onResponse!(statusCode, response?.headers ?? {}, responseTime, response?.body ?? '');
      });
    }
  });
  const cpuAfter = options.serverPid ? processCpuUs(options.serverPid) : null;
  const databaseCpu = options.databaseProcessName
    ? cpuOfProcessesNamed(options.databaseProcessName) - databaseCpuBefore
    : null;
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
    ...(databaseCpu !== null ? { databaseCpuUsPerRequest: databaseCpu / answered } : {}),
  };
}

export function percentile(values: number[], fraction: number): number {
  if (values.length === 0) {
    return Number.NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}
