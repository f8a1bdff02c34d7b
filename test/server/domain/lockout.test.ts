import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSecondFactorFailures, isLockedNow, reserveSecondFactorAttempt } from '../../../server/domain/lockout';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

describe.each(STORAGE_DIALECTS)('second-factor attempt reservations (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false, config: { lockout: { threshold: 10, minutes: 15 } } });
  });
  afterAll(async () => server.close());

  const newUser = async (name: string) =>
    (await server.createUser({ username: `${name}-${dialect}`, password: 'correct horse battery staple' })).id;

  it('reserves at most the threshold under 50 parallel attempts, and locks at the threshold', async () => {
    const ctx = server.app.securus;
    const id = await newUser('parallel');
    const results = await Promise.all(Array.from({ length: 50 }, () => reserveSecondFactorAttempt(ctx, id)));
    expect(results.filter((result) => result.reserved)).toHaveLength(10);
    expect(await isLockedNow(ctx, id)).toBe(true);
    const refused = results.find((result) => !result.reserved);
    expect(refused).toEqual({ reserved: false, retryAfterSeconds: 15 * 60 });
  });

  it('unlocks after the lock time with a fresh count, and a success clears the count', async () => {
    const ctx = server.app.securus;
    const id = await newUser('expiry');
    for (let i = 0; i < 10; i += 1) {
      await reserveSecondFactorAttempt(ctx, id);
    }
    expect((await reserveSecondFactorAttempt(ctx, id)).reserved).toBe(false);
    server.clock.advance(15 * 60_000);
    expect(await reserveSecondFactorAttempt(ctx, id)).toEqual({ reserved: true, failuresSoFar: 1 });
    await clearSecondFactorFailures(ctx, id);
    expect(await reserveSecondFactorAttempt(ctx, id)).toEqual({ reserved: true, failuresSoFar: 1 });
  });
});
