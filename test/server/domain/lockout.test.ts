import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clearSecondFactorFailures,
  isLockedNow,
  reservationValues,
  reserveAttemptThroughChallenge,
  reserveSecondFactorAttempt,
} from '../../../server/domain/lockout';
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

  it('reserves through a challenge only while it is open, with the row that answering it needs', async () => {
    const ctx = server.app.securus;
    const id = await newUser('through-challenge');
    const now = server.clock.now();
    await ctx.db
      .insertInto('two_factor')
      .values({
        user_id: id,
        secret_sealed: 'sealed-for-test',
        enabled_at: now,
        last_accepted_step: null,
        removal_due_at: null,
      })
      .execute();
    await ctx.db
      .insertInto('login_challenges')
      .values({ token_hash: `open-${dialect}`, user_id: id, created_at: now - 1000, expires_at: now + 60_000 })
      .execute();
    await ctx.db
      .insertInto('login_challenges')
      .values({ token_hash: `expired-${dialect}`, user_id: id, created_at: now - 120_000, expires_at: now })
      .execute();
    const through = (challengeHash: string) =>
      reserveAttemptThroughChallenge(ctx.db, { challengeHash, ...reservationValues(ctx) }).then(({ rows }) => rows);

    expect(await through(`expired-${dialect}`)).toEqual([]);
    expect(await through(`unknown-${dialect}`)).toEqual([]);
    const [row] = await through(`open-${dialect}`);
    expect(row).toMatchObject({
      id,
      username: `through-challenge-${dialect}`,
      second_factor_failures: 1,
      locked_until: null,
      challenge_created_at: now - 1000,
      secret_sealed: 'sealed-for-test',
      removal_due_at: null,
    });
    // Neither the expired nor the unknown challenge counted an attempt.
    expect(await reserveSecondFactorAttempt(ctx, id)).toEqual({ reserved: true, failuresSoFar: 2 });
    for (let i = 2; i < 10; i += 1) {
      await reserveSecondFactorAttempt(ctx, id);
    }
    expect(await isLockedNow(ctx, id)).toBe(true);
    expect(await through(`open-${dialect}`)).toEqual([]);
  });
});
