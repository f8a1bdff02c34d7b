import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, type HttpReply } from '../../support/http-json';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';
import { expectApiError, retryAfterSeconds } from './fixtures';

const LIMIT = 5;
const WINDOW_SECONDS = 60;

// SECURITY.md: "The login endpoints are also rate-limited per client address. Limited answers are 429 with
// Retry-After."
describe.each(STORAGE_DIALECTS)('per-address rate limit on the login endpoints, %s storage', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      dialect,
      listen: true,
      // The password guard's per-account delays are tested in password-guard.test.ts; here only the window counts.
      config: {
        loginRateLimit: { max: LIMIT, windowSeconds: WINDOW_SECONDS },
        passwordGuard: { accountFreeFailures: 20, addressFreeFailures: 100, maxDelayMinutes: 15 },
      },
    });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function hammer(path: string, body: unknown, localAddress: string, count: number): Promise<HttpReply[]> {
    const replies: HttpReply[] = [];
    for (let i = 0; i < count; i += 1) {
      replies.push(await postJson(server.baseUrl, path, body, { localAddress }));
    }
    return replies;
  }

  it('answers 429 rate_limited with Retry-After once an address passes the limit, and only that address', async () => {
    const wrongLogin = { username: 'nobody-here', password: 'not the password' };
    const replies = await hammer('/auth/login', wrongLogin, '127.0.0.21', LIMIT + 2);
    expect(replies.slice(0, LIMIT).map((reply) => reply.status)).toEqual(Array(LIMIT).fill(401));
    for (const limited of replies.slice(LIMIT)) {
      expectApiError(limited, 429, 'rate_limited');
      expect(retryAfterSeconds(limited)).toBeLessThanOrEqual(WINDOW_SECONDS);
    }

    const otherWorkstation = await postJson(server.baseUrl, '/auth/login', wrongLogin, { localAddress: '127.0.0.22' });
    expect(otherWorkstation.status, otherWorkstation.text).toBe(401);

    server.clock.advance((WINDOW_SECONDS + 1) * 1000);
    const afterWindow = await postJson(server.baseUrl, '/auth/login', wrongLogin, { localAddress: '127.0.0.21' });
    expect(afterWindow.status, afterWindow.text).toBe(401);
  });

  it('limits the second-factor endpoint too', async () => {
    const bogus = { challengeToken: 'not-a-challenge-token', code: '123456' };
    const replies = await hammer('/auth/login/2fa', bogus, '127.0.0.23', LIMIT + 1);
    for (const reply of replies.slice(0, LIMIT)) {
      expect(reply.status, reply.text).toBeGreaterThanOrEqual(400);
      expect(reply.status, reply.text).not.toBe(429);
    }
    expectApiError(replies[LIMIT]!, 429, 'rate_limited');
    retryAfterSeconds(replies[LIMIT]!);
  });

  // On SQLite the 2FA route counts its hit inside the answer's own unit of work (one commit); a body its schema
  // refuses is counted on its own. Both must add up to the same limit, and a limited address hears 429 first.
  it('counts refused bodies and well-formed answers of the second-factor endpoint together', async () => {
    const refusedBody = { challengeToken: 1 };
    const wellFormed = { challengeToken: 'A'.repeat(43), code: '123456' };
    const replies: HttpReply[] = [];
    for (let i = 0; i < LIMIT; i += 1) {
      replies.push(
        await postJson(server.baseUrl, '/auth/login/2fa', i % 2 ? refusedBody : wellFormed, {
          localAddress: '127.0.0.24',
        }),
      );
    }
    expect(replies.map((reply) => reply.status)).toEqual([401, 400, 401, 400, 401]);
    for (const body of [refusedBody, wellFormed]) {
      expectApiError(
        await postJson(server.baseUrl, '/auth/login/2fa', body, { localAddress: '127.0.0.24' }),
        429,
        'rate_limited',
      );
    }
  });
});
