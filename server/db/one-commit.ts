import { CompiledQuery, type Kysely } from 'kysely';
import type { Database, SecurusDatabase } from './database';
import { GroupCommit } from './group-commit';

const groupCommits = new WeakMap<SecurusDatabase, GroupCommit>();

function groupCommitOf(storage: SecurusDatabase): GroupCommit {
  let group = groupCommits.get(storage);
  if (!group) {
    group = new GroupCommit(storage.db);
    groupCommits.set(storage, group);
  }
  return group;
}

/**
 * Runs `work` on one connection in one transaction and commits what it wrote even when it throws. The outcome is
 * that of running each statement on its own (a refused code's reserved attempt and audit row must stay), at the
 * cost of one commit instead of one per write. On SQLite the commit is shared with the units of work of
 * concurrent requests (group-commit.ts); it begins IMMEDIATE: another instance on the same file then waits for
 * the write lock (busy_timeout) rather than failing when a read lock cannot be upgraded. PostgreSQL keeps one
 * transaction per call: its connections run in parallel and a shared transaction would serialise them.
 */
export async function inOneCommit<T>(storage: SecurusDatabase, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (storage.dialect === 'sqlite') {
    return groupCommitOf(storage).run(work);
  }
  return storage.db.connection().execute(async (db) => {
    await db.executeQuery(CompiledQuery.raw('begin'));
    try {
      return await work(db);
    } finally {
      await db.executeQuery(CompiledQuery.raw('commit'));
    }
  });
}

/**
 * A write that needs no transaction of its own: on SQLite it joins the shared commit of concurrent requests
 * instead of paying a commit alone; on PostgreSQL it runs as it is (the statement commits itself).
 */
export function inSharedCommit<T>(storage: SecurusDatabase, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  return storage.dialect === 'sqlite' ? groupCommitOf(storage).run(work) : work(storage.db);
}
