import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody } from '../../../shared/api/common';
import { startTestServer, type TestServer } from '../harness';

describe('one error shape for every refusal', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ listen: false });
  });
  afterAll(async () => server.close());

  const send = (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: string,
    contentType = 'application/json',
  ) =>
    server.app.inject({
      method,
      url,
      ...(payload === undefined ? {} : { payload, headers: { 'content-type': contentType } }),
    });

  it.each([
    ['bad JSON', 'POST', '/api/v1/auth/login', '{"username":', 'application/json', 400, 'validation_failed'],
    [
      'wrong types',
      'POST',
      '/api/v1/auth/login',
      '{"username":1,"password":[]}',
      'application/json',
      400,
      'validation_failed',
    ],
    [
      'unknown field',
      'POST',
      '/api/v1/auth/login',
      '{"username":"a","password":"b","admin":true}',
      'application/json',
      400,
      'validation_failed',
    ],
    ['a JSON array', 'POST', '/api/v1/auth/login', '[]', 'application/json', 400, 'validation_failed'],
    ['text/plain', 'POST', '/api/v1/auth/login', 'username=a', 'text/plain', 415, 'unsupported_media_type'],
    [
      'a form',
      'POST',
      '/api/v1/auth/login',
      'username=a',
      'application/x-www-form-urlencoded',
      415,
      'unsupported_media_type',
    ],
    [
      'a huge body',
      'POST',
      '/api/v1/auth/login',
      JSON.stringify({ username: 'a', password: 'p'.repeat(20_000) }),
      'application/json',
      413,
      'payload_too_large',
    ],
    ['an unknown route', 'GET', '/api/v1/nope', undefined, 'application/json', 404, 'not_found'],
    ['a wrong method', 'DELETE', '/api/v1/auth/login', undefined, 'application/json', 405, 'method_not_allowed'],
    [
      'a GET of a POST route',
      'GET',
      '/api/v1/auth/logout?x=1',
      undefined,
      'application/json',
      405,
      'method_not_allowed',
    ],
    [
      'a NUL byte',
      'POST',
      '/api/v1/auth/password/reset',
      '{"token":"a\\u0000b","newPassword":"long enough password"}',
      'application/json',
      400,
      'validation_failed',
    ],
    ['no session', 'GET', '/api/v1/me', undefined, 'application/json', 401, 'unauthenticated'],
  ] as const)('%s → %i %s', async (_name, method, url, payload, contentType, status, code) => {
    const reply = await send(method, url, payload, contentType);
    expect(reply.statusCode).toBe(status);
    const body = ApiErrorBody.parse(reply.json());
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(0);
  });

  it('tells which methods a known path allows', async () => {
    const reply = await send('PUT', '/api/v1/me');
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('names the failing fields of a validation error', async () => {
    const reply = await send('POST', '/api/v1/auth/login', JSON.stringify({ username: '', password: 5 }));
    const body = ApiErrorBody.parse(reply.json());
    expect([...new Set(body.error.details?.map((detail) => detail.path))].sort()).toEqual(['password', 'username']);
  });
});
