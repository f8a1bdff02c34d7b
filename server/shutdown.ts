/** What the signal handler stops: LaunchedServer.close (Fastify's close, then storage and mail). */
export interface Stoppable {
  close(): Promise<void>;
}

export interface ShutdownOptions {
  /** After this long with requests still in flight the process gives up on them and exits 1. */
  timeoutMs: number;
  say: (line: string) => void;
  exit: (code: number) => void;
  signals?: NodeJS.Signals[];
}

/**
 * SIGTERM (systemd, a container runtime) or SIGINT: stop accepting connections, let every request in flight finish
 * (its attempt is counted and audited before its answer leaves), close storage, exit 0. A request arriving on a
 * connection still open during that time is answered `server_busy` (server/app/draining.ts). Past the bound, or on
 * a second signal, the process exits 1 at once: systemd's TimeoutStopSec must be longer than the bound.
 */
export function stopOnSignals(server: Stoppable, options: ShutdownOptions): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      options.say(`${signal} again: exiting without waiting for requests in flight`);
      options.exit(1);
      return;
    }
    stopping = true;
    const seconds = Math.round(options.timeoutMs / 1000);
    options.say(`${signal}: no new connections; finishing the requests in flight (at most ${seconds} s)`);
    const bound = setTimeout(() => {
      options.say(`requests still in flight after ${seconds} s (SECURUS_SHUTDOWN_TIMEOUT_SECONDS); exiting`);
      options.exit(1);
    }, options.timeoutMs);
    bound.unref();
    server.close().then(
      () => {
        clearTimeout(bound);
        options.say('Securus auth server stopped');
        options.exit(0);
      },
      (error: unknown) => {
        clearTimeout(bound);
        options.say(`stopping failed: ${(error as Error).message}`);
        options.exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => stop(signal));
  }
}
