import type { EventLog } from '../context';

/**
 * Work done after the answer is sent (mail), so a response's timing does not depend on it. Tracked so tests and
 * shutdown can wait for it; a failure is logged by name only, never with the message content.
 */
export class BackgroundWork {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly log: EventLog) {}

  run(task: string, work: () => Promise<void>): void {
    const running: Promise<void> = Promise.resolve()
      .then(work)
      .catch((error: unknown) => {
        const reason = error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.name) : 'unknown';
        this.log.error({ task, reason }, 'background task failed');
      })
      .finally(() => this.pending.delete(running));
    this.pending.add(running);
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) {
      await Promise.allSettled([...this.pending]);
    }
  }
}
