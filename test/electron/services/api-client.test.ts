import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, createHttpClient } from '../../../electron/main/services/api-client';
import { API_PREFIX } from '../../../shared/api/routes';
import { SecurusError } from '../../../shared/errors';
import {
  downServerUrl,
  selfSignedCertificate,
  startHttpServer,
  startHttpsServer,
  type LoopbackServer,
} from '../support/loopback-servers';
import { startRealServer } from '../support/real-server';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function client(
  serverUrl: string,
  options: { timeoutMs?: number; caBundle?: string; hasNetwork?: () => boolean } = {},
) {
  const http = createHttpClient({
    serverUrl,
    timeoutMs: options.timeoutMs ?? 5000,
    caBundle: options.caBundle ?? null,
  });
  return createApiClient(http, options.hasNetwork);
}

async function failure(promise: Promise<unknown>): Promise<SecurusError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SecurusError);
  return error as SecurusError;
}

const TIME = JSON.stringify({ now: '2026-01-01T00:00:00.000Z', epochMs: 1767225600000 });

describe('api client against loopback servers that misbehave', () => {
  it('calls the route under the API prefix with the bearer token and parses the answer', async () => {
    const seen: { url?: string; auth?: string } = {};
    const server = await startHttpServer((request, response) => {
      seen.url = request.url;
      seen.auth = request.headers.authorization;
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(TIME);
    });
    servers.push(server);
    expect(await client(server.url).call('time', undefined, { token: 'tok' })).toEqual(JSON.parse(TIME));
    expect(seen).toEqual({ url: `${API_PREFIX}/time`, auth: 'Bearer tok' });
  });

  it('reports a server that is down as server_unreachable, or offline without any network', async () => {
    const url = await downServerUrl();
    expect((await failure(client(url).call('health', undefined))).code).toBe('server_unreachable');
    const remote = client('http://192.0.2.1:9', { timeoutMs: 300, hasNetwork: () => false });
    expect((await failure(remote.call('health', undefined))).code).toBe('offline');
  });

  it('reports a slow server as timeout', async () => {
    const server = await startHttpServer((_request, response) => {
      setTimeout(() => response.writeHead(200).end(TIME), 2000).unref();
    });
    servers.push(server);
    const started = Date.now();
    expect((await failure(client(server.url, { timeoutMs: 300 }).call('time', undefined))).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1900);
  });

  it.each([
    ['text that is not JSON', 200, 'hello'],
    ['JSON of the wrong shape', 200, '{"now":"yesterday"}'],
    ['an HTML error page', 502, '<html>Bad gateway</html>'],
    ['an error body with an unknown code', 400, '{"error":{"code":"teapot","message":"x"}}'],
    ['a success status the route does not use', 204, ''],
  ])('reports a server that answers %s as bad_response', async (_name, status, body) => {
    const server = await startHttpServer((_request, response) => response.writeHead(status).end(body));
    servers.push(server);
    expect((await failure(client(server.url).call('time', undefined))).code).toBe('bad_response');
  });

  it("passes the server's own error code on, with retryAfterSeconds from the body or Retry-After", async () => {
    const server = await startHttpServer((request, response) => {
      if (request.url?.endsWith('/auth/login')) {
        const body = { error: { code: 'rate_limited', message: 'slow down' } };
        response.writeHead(429, { 'Retry-After': '42' }).end(JSON.stringify(body));
      } else {
        const body = { error: { code: 'locked', message: 'locked', retryAfterSeconds: 900 } };
        response.writeHead(423).end(JSON.stringify(body));
      }
    });
    servers.push(server);
    const limited = await failure(client(server.url).call('login', { username: 'a', password: 'b' }));
    expect(limited.info).toMatchObject({ code: 'rate_limited', retryAfterSeconds: 42 });
    const locked = await failure(client(server.url).call('loginSecondFactor', { challengeToken: 'c', code: '123456' }));
    expect(locked.info).toMatchObject({ code: 'locked', retryAfterSeconds: 900 });
  });

  it('refuses a request that does not fit its route before sending it', async () => {
    let requests = 0;
    const server = await startHttpServer((_request, response) => {
      requests += 1;
      response.writeHead(200).end('{}');
    });
    servers.push(server);
    const error = await failure(client(server.url).call('login', { username: '', password: 'x' }));
    expect(error.code).toBe('validation_failed');
    expect(requests).toBe(0);
  });

  it("reports an untrusted certificate as tls_error, and trusts it once the policy's CA bundle names it", async () => {
    const tls = selfSignedCertificate();
    const server = await startHttpsServer(tls, (_request, response) => response.writeHead(200).end(TIME));
    servers.push(server);
    expect((await failure(client(server.url).call('time', undefined))).code).toBe('tls_error');
    expect(await client(server.url, { caBundle: tls.cert }).call('time', undefined)).toEqual(JSON.parse(TIME));
  });
});

describe('api client against the real Securus server on loopback', () => {
  it('reads the public routes and sends the server’s own error codes on', async () => {
    const real = await startRealServer({ SECURUS_LOGIN_RATE_LIMIT: '3' });
    servers.push(real);
    const api = client(real.url);
    expect(await api.call('health', undefined)).toEqual({ status: 'ok' });
    expect(await api.call('serverInfo', undefined)).toMatchObject({ issuer: 'Securus' });
    const wrong = await failure(api.call('login', { username: 'nobody', password: 'wrong' }));
    expect(wrong.code).toBe('invalid_credentials');
    const noSession = await failure(api.call('me', undefined, { token: 'not-a-session' }));
    expect(noSession.code).toBe('unauthenticated');
    let limited: SecurusError | null = null;
    for (let attempt = 0; attempt < 5 && limited === null; attempt += 1) {
      const error = await failure(api.call('login', { username: 'nobody', password: 'wrong' }));
      limited = error.code === 'rate_limited' ? error : null;
    }
    expect(limited?.info.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('signs in and reads /me with the session token', async () => {
    const real = await startRealServer();
    servers.push(real);
    const account = await real.createUser();
    const api = client(real.url);
    const login = await api.call('login', account);
    expect(login.status).toBe('authenticated');
    if (login.status === 'authenticated') {
      const me = await api.call('me', undefined, { token: login.session.token });
      expect(me.user.username).toBe(account.username);
    }
  });
});
