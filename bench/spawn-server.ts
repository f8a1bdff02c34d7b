import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface BenchServer {
  /** e.g. http://127.0.0.1:40123/api/v1 */
  apiUrl: string;
  accounts: Record<string, string[]>;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts bench/server-process.ts under tsx with the given environment and waits for its READY line.
 * BENCH_SERVER_NODE_ARGS adds Node flags to the server alone, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export async function spawnBenchServer(env: Record<string, string>, timeoutMs = 120_000): Promise<BenchServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      new URL('./server-process.ts', import.meta.url).pathname,
    ],
    {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ready = await new Promise<{ url: string; created: Record<string, string[]> }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not start in time')), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)) as { url: string; created: Record<string, string[]> });
      }
    });
  });
  return {
    apiUrl: `${ready.url}/api/v1`,
    accounts: ready.created,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
