import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAcceptedStep } from '../../../server/domain/replay';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

describe.each(STORAGE_DIALECTS)('recordAcceptedStep (%s)', (dialect) => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
    userId = (await server.createUser({ username: `replay-${dialect}`, password: 'correct horse battery staple' })).id;
    await server.app.securus.db
      .insertInto('two_factor')
      .values({
        user_id: userId,
        secret_sealed: server.app.securus.secretBox.seal('X'),
        enabled_at: 0,
        last_accepted_step: null,
      })
      .execute();
  });
  afterAll(async () => server.close());

  it('accepts only strictly later steps', async () => {
    const { db } = server.app.securus;
    expect(await recordAcceptedStep(db, userId, 1000)).toBe(true);
    expect(await recordAcceptedStep(db, userId, 1000)).toBe(false);
    expect(await recordAcceptedStep(db, userId, 999)).toBe(false);
    expect(await recordAcceptedStep(db, userId, 1001)).toBe(true);
  });

  it('lets one of 50 parallel uses of a step through', async () => {
    const { db } = server.app.securus;
    const results = await Promise.all(Array.from({ length: 50 }, () => recordAcceptedStep(db, userId, 2000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
