import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
