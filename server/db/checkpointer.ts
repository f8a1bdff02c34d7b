import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** How often the worker copies committed WAL pages into the database file. */
const CHECKPOINT_INTERVAL_MS = 200;
/**
 * The serving connection still checkpoints past this many WAL pages (40 MB): under load that never pauses the
 * worker never catches up to the last frame, and only a checkpoint by the writer itself lets the WAL restart.
 */
export const WRITER_CHECKPOINT_PAGES = 10_000;

// CommonJS inside the worker: `require` reaches better-sqlite3 by the path resolved here.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or interrupted: the next round copies what this one did not.
  }
}, workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * SQLite's automatic checkpoint runs inside a commit on the one serving connection and fsyncs the WAL and the
 * database file: ~10 ms with the event loop blocked, every few hundred commits (the verify route's p99). A
 * worker thread with its own connection does that copying instead (PASSIVE: never blocks the writer). Commits
 * are as durable as before: a commit is in the WAL before its answer; a checkpoint only moves it.
 */
export function startCheckpointer(file: string): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, intervalMs: CHECKPOINT_INTERVAL_MS },
  });
  worker.unref();
  // A worker that fails leaves checkpoints to the writer (WRITER_CHECKPOINT_PAGES): slower, never unbounded.
  worker.on('error', () => undefined);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      worker.postMessage('stop');
      const timeout = setTimeout(() => void worker.terminate(), 2_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}
