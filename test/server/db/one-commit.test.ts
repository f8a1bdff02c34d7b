import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SQLITE_FILE_NAME } from '../../../server/db/connect';
import { inOneCommit } from '../../../server/db/one-commit';
import { SecurusError } from '../../../shared/errors';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

describe.each(STORAGE_DIALECTS)('inOneCommit (%s)', (dialect) => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
    userId = (await server.createUser({ username: `one-commit-${dialect}`, password: 'correct horse battery staple' }))
      .id;
  });
  afterAll(async () => server.close());

  const eventIds = async () =>
    (
      await server.app.securus.db
        .selectFrom('security_events')
        .select('id')
        .where('user_id', '=', userId)
        .orderBy('id')
        .execute()
    ).map((row) => row.id);

  const addEvent = (id: string) => (db: TestServer['app']['securus']['db']) =>
    db
      .insertInto('security_events')
      .values({ id, user_id: userId, type: 'second_factor_failed', at: 1, ip_address: null })
      .execute();

  it('returns the work result with its writes committed', async () => {
    const result = await inOneCommit(server.app.securus.storage, async (db) => {
      await addEvent('a-1')(db);
      await addEvent('a-2')(db);
      return 'done';
    });
    expect(result).toBe('done');
    expect(await eventIds()).toEqual(['a-1', 'a-2']);
  });

  it('keeps the writes made before a refusal, as statements run on their own would', async () => {
    const refusal = await inOneCommit(server.app.securus.storage, async (db) => {
      await addEvent('b-1')(db);
      throw new SecurusError('invalid_code');
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(SecurusError);
    expect(await eventIds()).toContain('b-1');
  });

  it('lets parallel units run one after another without losing a write', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_unused, index) =>
        inOneCommit(server.app.securus.storage, async (db) => {
          const before = await db
            .selectFrom('users')
            .select('second_factor_failures')
            .where('id', '=', userId)
            .executeTakeFirstOrThrow();
          await addEvent(`c-${String(index).padStart(2, '0')}`)(db);
          await db
            .updateTable('users')
            .set({ second_factor_failures: before.second_factor_failures + 1 })
            .where('id', '=', userId)
            .execute();
        }),
      ),
    );
    const row = await server.app.securus.db
      .selectFrom('users')
      .select('second_factor_failures')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect((await eventIds()).filter((id) => id.startsWith('c-'))).toHaveLength(20);
    if (dialect === 'sqlite') {
      // One connection, transactions strictly one after another: a read-then-write inside one is never interleaved.
      expect(row.second_factor_failures).toBe(20);
    } else {
      expect(row.second_factor_failures).toBeGreaterThanOrEqual(1);
    }
  });

  it.runIf(dialect === 'sqlite')(
    'settles each unit only once its shared commit is visible to another connection',
    async () => {
      const reader = new SqliteDatabase(join(server.dataDir, SQLITE_FILE_NAME), { readonly: true });
      const committed = reader.prepare('select count(*) as n from security_events where id = ?');
      const seen: boolean[] = [];
      try {
        await Promise.all(
          Array.from({ length: 10 }, (_unused, index) => {
            const id = `d-${index}`;
            return inOneCommit(server.app.securus.storage, addEvent(id)).then(() => {
              seen.push((committed.get(id) as { n: number }).n === 1);
            });
          }),
        );
      } finally {
        reader.close();
      }
      expect(seen).toEqual(Array<boolean>(10).fill(true));
    },
  );
});
