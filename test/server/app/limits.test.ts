import { afterEach, describe, expect, it } from 'vitest';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';

describe.each(STORAGE_DIALECTS)('login endpoint limits (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('rate-limits the login endpoints per client address with 429 and Retry-After, shared by two instances', async () => {
    server = await startTestServer({
      dialect,
      listen: false,
      config: { loginRateLimit: { max: 3, windowSeconds: 60 } },
    });
    const twin = await startTestServer({ shareStorageWith: server, listen: false, config: server.config });
    try {
      await server.createUser({ username: 'vic', password: PASSWORD });
      const body = { username: 'vic', password: PASSWORD };
      expect((await callApi(server, 'POST', '/auth/login', body)).status).toBe(200);
      expect((await callApi(twin, 'POST', '/auth/login', body)).status).toBe(200);
      expect((await callApi(server, 'POST', '/auth/password/forgot', { login: 'vic' })).status).toBe(202);
      const limited = await callApi(twin, 'POST', '/auth/login', body);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ error: { code: 'rate_limited' } });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Other routes are not limited; the window ends.
      expect((await callApi(server, 'GET', '/health')).status).toBe(200);
      server.clock.advance(61_000);
      expect((await callApi(server, 'POST', '/auth/login', body)).status).toBe(200);
    } finally {
      await twin.close();
    }
  });

  it('answers password-hash overload with a fast 503 server_busy and Retry-After', async () => {
    server = await startTestServer({
      dialect,
      listen: false,
      config: { passwordHashing: { concurrency: 1, queueLimit: 1 } },
    });
    await server.createUser({ username: 'vic', password: PASSWORD });
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => callApi(server, 'POST', '/auth/login', { username: 'vic', password: PASSWORD })),
    );
    const busy = replies.filter((reply) => reply.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    expect(replies.filter((reply) => reply.status === 200).length).toBeGreaterThan(0);
    for (const reply of busy) {
      expect(reply.body).toMatchObject({ error: { code: 'server_busy' } });
      expect(reply.headers['retry-after']).toBe('1');
    }
  });
});
