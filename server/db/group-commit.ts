import { CompiledQuery, type Kysely } from 'kysely';
import { BatchWrites, bindBatchWrites } from './batch-writes';
import type { Database } from './database';

interface Unit {
  work: (db: Kysely<Database>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const BEGIN = CompiledQuery.raw('begin immediate');
const COMMIT = CompiledQuery.raw('commit');
const ROLLBACK = CompiledQuery.raw('rollback');
/** Bounds how long the first unit of a batch waits behind the others before its answer can leave. */
const MAX_UNITS_PER_COMMIT = 64;

/**
 * Group commit for SQLite's one connection: units of work that arrive in the same turn of the event loop run one
 * after another in one transaction and share its commit; each caller hears its outcome only after that commit, so
 * an answer never leaves before what it reports is durable. A unit that throws keeps what it wrote (as when each
 * statement commits itself); if the commit fails, every unit of the batch fails with it. Writes the units hand to
 * the batch (batch-writes.ts) are made after the last unit and before the commit, and fail the batch the same way.
 */
export class GroupCommit {
  readonly #db: Kysely<Database>;
  #waiting: Unit[] = [];
  #scheduled = false;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  run<T>(work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  // setImmediate, not a microtask: the batch starts after the event loop has read every request that is ready.
  #schedule(): void {
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.#db
          .connection()
          .execute((db) => this.#commitBatch(db))
          .catch((error: unknown) => {
            this.#waiting.splice(0).forEach((unit) => unit.reject(error));
          });
      });
    }
  }

  async #commitBatch(db: Kysely<Database>): Promise<void> {
    const units = this.#waiting.splice(0, MAX_UNITS_PER_COMMIT);
    if (this.#waiting.length > 0) {
      this.#schedule();
    }
    if (units.length === 0) {
      return;
    }
    try {
      await db.executeQuery(BEGIN);
    } catch (error) {
      units.forEach((unit) => unit.reject(error));
      return;
    }
    const writes = new BatchWrites();
    bindBatchWrites(db, writes);
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    for (const unit of units) {
      try {
        outcomes.push({ ok: true, value: await unit.work(db) });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    try {
      await writes.flush(db);
      await db.executeQuery(COMMIT);
    } catch (error) {
      // A failed commit can leave the transaction open (SQLITE_BUSY); the next batch must not start inside it.
      await db.executeQuery(ROLLBACK).catch(() => undefined);
      units.forEach((unit) => unit.reject(error));
      return;
    }
    outcomes.forEach((outcome, index) =>
      outcome.ok ? units[index]!.resolve(outcome.value) : units[index]!.reject(outcome.error),
    );
  }
}
