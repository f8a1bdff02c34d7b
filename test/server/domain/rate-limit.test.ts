import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSharedCommit } from '../../../server/db/one-commit';
import { hitRateLimit } from '../../../server/domain/rate-limit';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

describe.each(STORAGE_DIALECTS)('hitRateLimit (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
  });
  afterAll(async () => server.close());

  it('allows exactly `max` of 50 parallel hits in a window, then tells when the window ends', async () => {
    const ctx = server.app.securus;
    const decisions = await Promise.all(Array.from({ length: 50 }, () => hitRateLimit(ctx, 'parallel', 20, 60_000)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(20);
    server.clock.advance(45_000);
    expect(await hitRateLimit(ctx, 'parallel', 20, 60_000)).toEqual({ allowed: false, retryAfterSeconds: 15 });
    server.clock.advance(15_000);
    expect(await hitRateLimit(ctx, 'parallel', 20, 60_000)).toEqual({ allowed: true });
  });

  it('counts keys apart', async () => {
    const ctx = server.app.securus;
    expect(await hitRateLimit(ctx, 'a', 1, 60_000)).toEqual({ allowed: true });
    expect((await hitRateLimit(ctx, 'a', 1, 60_000)).allowed).toBe(false);
    expect(await hitRateLimit(ctx, 'b', 1, 60_000)).toEqual({ allowed: true });
  });

  // On SQLite these share one batch: the first hit writes, the rest count on in memory until the batch commits.
  it('decides hits sharing one commit as if each had its own, and commits their count', async () => {
    const ctx = server.app.securus;
    const decisions = await Promise.all(
      Array.from({ length: 30 }, () =>
        inSharedCommit(ctx.storage, (db) => hitRateLimit({ ...ctx, db }, 'shared', 20, 60_000)),
      ),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(20);
    expect(decisions.filter((decision) => !decision.allowed)).toEqual(
      Array(10).fill({ allowed: false, retryAfterSeconds: 60 }),
    );
    const row = await ctx.db.selectFrom('rate_limits').select('hits').where('key', '=', 'shared').executeTakeFirst();
    expect(row?.hits).toBe(30);
  });

  // Order matters here, and only SQLite runs the units of one commit in the order they came.
  it.runIf(dialect === 'sqlite')('restarts a window that ends between two hits of one commit', async () => {
    const ctx = server.app.securus;
    const hit = () => inSharedCommit(ctx.storage, (db) => hitRateLimit({ ...ctx, db }, 'restart', 2, 60_000));
    const decisions = await Promise.all([
      hit(),
      hit(),
      hit(),
      inSharedCommit(ctx.storage, async (db) => {
        server.clock.advance(60_000);
        return hitRateLimit({ ...ctx, db }, 'restart', 2, 60_000);
      }),
      hit(),
    ]);
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, false, true, true]);
    const row = await ctx.db
      .selectFrom('rate_limits')
      .select(['hits', 'window_start'])
      .where('key', '=', 'restart')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ hits: 2, window_start: server.clock.now() });
    expect((await hitRateLimit(ctx, 'restart', 2, 60_000)).allowed).toBe(false);
  });
});
