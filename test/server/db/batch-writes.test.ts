import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchWritesOf } from '../../../server/db/batch-writes';
import { SQLITE_FILE_NAME } from '../../../server/db/connect';
import type { Database } from '../../../server/db/database';
import { inSharedCommit } from '../../../server/db/one-commit';
import { startTestServer, type TestServer } from '../harness';
import type { Kysely } from 'kysely';

// Batches exist only where commits are shared: SQLite's one connection (group-commit.ts).
describe('writes a group-commit batch makes once before its commit (sqlite)', () => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite', listen: false });
    userId = (await server.createUser({ username: 'batch-writes', password: 'correct horse battery staple' })).id;
  });
  afterAll(async () => server.close());

  const storage = () => server.app.securus.storage;
  const addEvent = (db: Kysely<Database>, id: string) =>
    db
      .insertInto('security_events')
      .values({ id, user_id: userId, type: 'second_factor_failed', at: 1, ip_address: null })
      .execute();
  const eventIds = async (prefix: string) =>
    (await server.app.securus.db.selectFrom('security_events').select('id').orderBy('id').execute())
      .map((row) => row.id)
      .filter((id) => id.startsWith(prefix));

  it('opens shared state once, flushes it once, and settles each unit only after that write is committed', async () => {
    const reader = new SqliteDatabase(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true });
    const committed = reader.prepare("select count(*) as n from security_events where id = 'a-flushed'");
    let opened = 0;
    let flushed = 0;
    const seenAfterSettling: number[] = [];
    try {
      await Promise.all(
        Array.from({ length: 12 }, () =>
          inSharedCommit(storage(), async (db) => {
            const batch = batchWritesOf(db)!;
            const tally = await batch.shared(
              'tally',
              async () => {
                opened += 1;
                return { units: 0 };
              },
              async (flushDb, state) => {
                flushed += 1;
                expect(state.units).toBe(12);
                await addEvent(flushDb, 'a-flushed');
              },
            );
            tally.units += 1;
          }).then(() => seenAfterSettling.push((committed.get() as { n: number }).n)),
        ),
      );
    } finally {
      reader.close();
    }
    expect({ opened, flushed }).toEqual({ opened: 1, flushed: 1 });
    expect(seenAfterSettling).toEqual(Array<number>(12).fill(1));
  });

  it('has no batch outside one, nor for a handle kept after its batch began to commit', async () => {
    expect(batchWritesOf(server.app.securus.db)).toBeNull();
    let kept: Kysely<Database> | null = null;
    await inSharedCommit(storage(), async (db) => {
      expect(batchWritesOf(db)).not.toBeNull();
      kept = db;
    });
    expect(batchWritesOf(kept!)).toBeNull();
  });

  it('fails every unit of the batch when a flush fails, keeps none of its writes, and the next batch commits', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, (_unused, index) =>
        inSharedCommit(storage(), async (db) => {
          await addEvent(db, `b-${index}`);
          await batchWritesOf(db)!.shared(
            'refused',
            async () => null,
            async () => {
              throw new Error('the flush was refused');
            },
          );
        }),
      ),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array<string>(5).fill('rejected'));
    expect(await eventIds('b-')).toEqual([]);
    await inSharedCommit(storage(), (db) => addEvent(db, 'c-after'));
    expect(await eventIds('c-')).toEqual(['c-after']);
  });
});
