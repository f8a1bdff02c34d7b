import type { Kysely } from 'kysely';
import type { Database } from './database';

interface Entry {
  state: unknown;
  flush: (db: Kysely<Database>, state: unknown) => Promise<void>;
}

/**
 * Writes that the units of one group-commit batch make together: each kind keeps its state in memory while the
 * batch runs, and writes it once, in the batch's transaction, just before the commit that every answer of the batch
 * waits for. Nothing is then answered before it is durable, and N answers cost one statement instead of N.
 * A batch's units run one after another, so no unit sees another's state half-changed.
 */
export class BatchWrites {
  readonly #entries = new Map<string, Entry>();
  #open = true;

  /** False once the batch has begun to flush: what comes later (a late callback holding the handle) writes directly. */
  get open(): boolean {
    return this.#open;
  }

  /**
   * The batch's state for `key`: made by `open` on the first call of the batch (which may read or write), handed
   * back as it stands on later ones. `flush` writes it before the commit, once, in order of first use.
   */
  async shared<S>(
    key: string,
    open: () => Promise<S>,
    flush: (db: Kysely<Database>, state: S) => Promise<void>,
  ): Promise<S> {
    const entry = this.#entries.get(key);
    if (entry) {
      return entry.state as S;
    }
    const state = await open();
    this.#entries.set(key, { state, flush: flush as Entry['flush'] });
    return state;
  }

  async flush(db: Kysely<Database>): Promise<void> {
    this.#open = false;
    for (const { state, flush } of this.#entries.values()) {
      await flush(db, state);
    }
  }
}

const batchOfHandle = new WeakMap<Kysely<Database>, BatchWrites>();

/** Binds a batch to the connection handle its units receive (a handle of its own per batch). */
export function bindBatchWrites(db: Kysely<Database>, writes: BatchWrites): void {
  batchOfHandle.set(db, writes);
}

/** The batch `db` runs in when it is a group-commit batch's handle (SQLite); null for any other handle. */
export function batchWritesOf(db: Kysely<Database>): BatchWrites | null {
  const writes = batchOfHandle.get(db);
  return writes?.open ? writes : null;
}
