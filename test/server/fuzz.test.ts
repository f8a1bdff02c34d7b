import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorBody, apiRoutes, type ApiRouteName } from '../../shared/api';
import { errorCodeOf, httpRequest, type HttpReply } from '../support/http-json';
import { malformedRequests, type MalformedRequest } from '../support/malformed-requests';
import { setUserRole } from '../../server/domain/administration';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from './harness';
import { ATTACK_TEST_LIMITS, createAccount, loginWithPasswordOverHttp } from './attacks/fixtures';

const REQUESTS_PER_ROUTE = 48;
const FUZZ_SEED = 0x5ec0_2026;

// Issue 2: "a fuzz of malformed requests (wrong types, huge bodies, bad JSON, unicode) with zero 5xx", and every
// error crosses as `{error:{code, message}}` with a code from shared/errors.ts.
describe.each(STORAGE_DIALECTS)('malformed requests against every route, %s storage', (dialect) => {
  let server: TestServer;
  let account: { username: string; password: string };
  let sessionToken: string;

  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: true, config: ATTACK_TEST_LIMITS });
    account = await createAccount(server, 'fuzz');
    // An administrator, so the admin routes' own checks meet the malformed input (a supervisor stops at 403).
    await setUserRole(server.app.securus, account.username, 'admin');
    sessionToken = await newSession();
  });

  afterAll(async () => {
    await server?.close();
  });

  async function newSession(): Promise<string> {
    const login = await loginWithPasswordOverHttp(server, account.username, account.password);
    expect(login.status, login.text).toBe(200);
    return (login.body as { session: { token: string } }).session.token;
  }

  async function send(request: MalformedRequest): Promise<HttpReply> {
    const headers = { ...request.headers };
    if (request.auth === 'session') {
      headers.authorization = `Bearer ${sessionToken}`;
    }
    return httpRequest(server.baseUrl.replace(/\/api\/v1$/, ''), request.method, request.path, undefined, {
      headers,
      rawBody: request.body,
    });
  }

  function problemsWith(request: MalformedRequest, reply: HttpReply, routeName: ApiRouteName): string[] {
    const problems: string[] = [];
    const label = `${request.method} ${request.path.slice(0, 60)} [${request.description}] → ${reply.status}`;
    if (reply.status >= 500) {
      const sent = JSON.stringify(String(request.body ?? '').slice(0, 120));
      problems.push(`${label}: server error ${reply.text.slice(0, 120)} for body ${sent}`);
    }
    if (reply.status >= 400 && request.method !== 'HEAD') {
      if (!/^application\/json/.test(reply.headers.get('content-type') ?? '')) {
        problems.push(`${label}: error not JSON (${reply.headers.get('content-type')})`);
      }
      if (!ApiErrorBody.safeParse(reply.body).success) {
        problems.push(`${label}: error body not ApiErrorBody: ${reply.text.slice(0, 200)}`);
      }
    }
    if (reply.status >= 200 && reply.status < 300 && request.path === `/api/v1${apiRoutes[routeName].path}`) {
      if (!apiRoutes[routeName].response.safeParse(reply.body).success) {
        problems.push(`${label}: success body does not match the route's response schema`);
      }
    }
    return problems;
  }

  const routeNames = Object.keys(apiRoutes) as ApiRouteName[];

  it.each(routeNames.map((name, index) => [name, index] as const))(
    '%s: no 5xx, every error an ApiErrorBody',
    async (routeName, index) => {
      const route = apiRoutes[routeName];
      const requests = malformedRequests(route, '/api/v1', FUZZ_SEED + index, REQUESTS_PER_ROUTE);
      const problems: string[] = [];
      const answers = new Map<string, number>();
      for (const request of requests) {
        const reply = await send(request);
        const answer = `${reply.status} ${errorCodeOf(reply) ?? ''}`.trim();
        answers.set(answer, (answers.get(answer) ?? 0) + 1);
        problems.push(...problemsWith(request, reply, routeName));
        const sessionGone =
          request.auth === 'session' && (reply.status === 401 || (routeName === 'logout' && reply.status === 200));
        if (sessionGone) {
          sessionToken = await newSession();
        }
      }
      expect(problems).toEqual([]);
      // The inputs reached the server's checks rather than bouncing off one early wall.
      const seen = [...answers.keys()].join(', ');
      if (route.method === 'POST') {
        expect(seen).toContain('413 payload_too_large');
        expect(seen).toContain('400 validation_failed');
      }
      if (route.session === 'required') {
        expect(seen).toContain('401 unauthenticated');
      }
      if (process.env.SECURUS_FUZZ_VERBOSE) {
        console.log(routeName, Object.fromEntries(answers));
      }
      const health = await httpRequest(server.baseUrl, 'GET', '/health');
      expect(health.status).toBe(200);
    },
    120_000,
  );

  it('unknown paths and methods answer not_found / method_not_allowed as ApiErrorBody', async () => {
    const root = server.baseUrl.replace(/\/api\/v1$/, '');
    for (const [method, path] of [
      ['GET', '/api/v1/nope'],
      ['POST', '/api/v1/../../etc/passwd'],
      ['GET', '/api/v2/health'],
      ['DELETE', '/api/v1/me'],
      ['GET', '/'],
    ] as const) {
      const reply = await httpRequest(root, method, path);
      expect(reply.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
      expect(reply.status, `${method} ${path}`).toBeLessThan(500);
      expect(ApiErrorBody.safeParse(reply.body).success, reply.text).toBe(true);
    }
  });
});
