import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { preparedQuery } from '../../../server/db/prepared';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

const insertEvent = preparedQuery(['id', 'userId', 'at'], (db, p) =>
  db
    .insertInto('security_events')
    .values({ id: p.id, user_id: p.userId, type: 'logged_out', at: p.at, ip_address: null }),
);
const eventsAfter = preparedQuery(['userId', 'after'], (db, p) =>
  db
    .selectFrom('security_events')
    .select(['id', 'at', 'type'])
    .where('user_id', '=', p.userId)
    .where('at', '>', p.after)
    .orderBy('at'),
);

describe.each(STORAGE_DIALECTS)('preparedQuery (%s)', (dialect) => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
    userId = (await server.createUser({ username: `prepared-${dialect}`, password: 'correct horse battery staple' }))
      .id;
  });
  afterAll(async () => server.close());

  it('binds fresh values on every run of the one compiled statement, and keeps constants', async () => {
    const { db } = server.app.securus;
    for (const at of [10, 20, 30]) {
      const inserted = await insertEvent(db, { id: `prepared-${dialect}-${at}`, userId, at });
      expect(inserted.numAffectedRows).toBe(1n);
    }
    const later = await eventsAfter(db, { userId, after: 15 });
    expect(later.rows).toEqual([
      { id: `prepared-${dialect}-20`, at: 20, type: 'logged_out' },
      { id: `prepared-${dialect}-30`, at: 30, type: 'logged_out' },
    ]);
    expect((await eventsAfter(db, { userId, after: 30 })).rows).toEqual([]);
  });

  it('treats a value as data, never as SQL', async () => {
    const { db } = server.app.securus;
    const hostile = "x'); DELETE FROM security_events; --";
    await insertEvent(db, { id: hostile, userId, at: 40 });
    const rows = (await eventsAfter(db, { userId, after: 35 })).rows;
    expect(rows.map((row) => row.id)).toEqual([hostile]);
    expect((await eventsAfter(db, { userId, after: 0 })).rows).toHaveLength(4);
  });

  it('runs inside a transaction on the transaction handle', async () => {
    const { db } = server.app.securus;
    await expect(
      db.transaction().execute(async (trx) => {
        await insertEvent(trx, { id: `prepared-${dialect}-rolled-back`, userId, at: 50 });
        expect((await eventsAfter(trx, { userId, after: 45 })).rows).toHaveLength(1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await eventsAfter(db, { userId, after: 45 })).rows).toEqual([]);
  });

  it.runIf(dialect === 'postgres')('is parsed once per PostgreSQL connection and then only bound', async () => {
    const { db } = server.app.securus;
    // One connection, so the statements it has prepared can be read back on it.
    const prepared = await db.connection().execute(async (connection) => {
      for (const after of [1, 2, 3]) {
        await eventsAfter(connection, { userId, after });
      }
      return sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(connection);
    });
    const selects = prepared.rows.filter((row) => row.statement.includes('from "security_events"'));
    expect(selects.map((row) => row.statement)).toEqual([expect.stringContaining('"at" > $2')]);
  });
});
