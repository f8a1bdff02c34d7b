import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeOf, postJson, type RequestOptions } from '../../support/http-json';
import { nginxBinary, startNginx, type ReverseProxy } from '../../support/nginx';
import { startTestServer, type TestServer } from '../harness';
import { PASSWORD } from './accounts';

const NGINX = nginxBinary();
if (!NGINX && process.env.SECURUS_REQUIRE_NGINX === '1') {
  throw new Error('SECURUS_REQUIRE_NGINX=1 but nginx is not installed (apt-get install -y nginx).');
}

/** nginx's own address towards the server: the one SECURUS_TRUST_PROXY names. */
const PROXY_ADDRESS = '127.0.0.50';
const LIMIT = 3;

let server: TestServer;
let proxy: ReverseProxy;
let viaProxy: string;

async function securityEventAddresses(username: string): Promise<Array<string | null>> {
  const rows = await server.app.securus.db
    .selectFrom('security_events')
    .innerJoin('users', 'users.id', 'security_events.user_id')
    .select('security_events.ip_address')
    .where('users.username', '=', username)
    .where('security_events.type', '=', 'login_succeeded')
    .execute();
  return rows.map((row) => row.ip_address);
}

let attempt = 0;
/** A wrong sign-in, each for another unknown name so only the per-address limit can refuse it. */
function wrongLogin(base: string, options: RequestOptions) {
  attempt += 1;
  return postJson(base, '/auth/login', { username: `nobody${attempt}`, password: 'wrong password' }, options);
}

const TITLE = 'behind a real nginx with SECURUS_TRUST_PROXY';

describe.skipIf(!NGINX)(NGINX ? TITLE : `${TITLE} (skipped: nginx is not installed; apt-get install -y nginx)`, () => {
  beforeAll(async () => {
    server = await startTestServer({
      config: { trustProxy: [`${PROXY_ADDRESS}/32`], loginRateLimit: { max: LIMIT, windowSeconds: 60 } },
    });
    proxy = await startNginx(NGINX!, server.baseUrl.replace(/\/api\/v1$/, ''), PROXY_ADDRESS);
    viaProxy = `${proxy.url}/api/v1`;
    await server.createUser({ username: 'dana', password: PASSWORD });
    await server.createUser({ username: 'eli', password: PASSWORD });
  });
  afterAll(async () => {
    await proxy?.stop();
    await server?.close();
  });

  it('limits two workstations behind the proxy separately, whatever X-Forwarded-For they send', async () => {
    const first = { localAddress: '127.0.0.41' };
    for (let i = 0; i < LIMIT; i += 1) {
      expect(errorCodeOf(await wrongLogin(viaProxy, first))).toBe('invalid_credentials');
    }
    const limited = await wrongLogin(viaProxy, first);
    expect({ status: limited.status, code: errorCodeOf(limited) }).toEqual({ status: 429, code: 'rate_limited' });
    // Pretending to be the other workstation: nginx appends the real peer, and only nginx is believed.
    const forged = await wrongLogin(viaProxy, { ...first, headers: { 'x-forwarded-for': '127.0.0.42' } });
    expect(errorCodeOf(forged)).toBe('rate_limited');

    const second = { localAddress: '127.0.0.42' };
    const signIn = await postJson(viaProxy, '/auth/login', { username: 'dana', password: PASSWORD }, second);
    expect(signIn.status).toBe(200);
    expect(await securityEventAddresses('dana')).toEqual(['127.0.0.42']);
    expect(server.logLines.some((line) => line.includes('"remoteAddress":"127.0.0.42"'))).toBe(true);
    expect(server.logLines.some((line) => line.includes(PROXY_ADDRESS))).toBe(false);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = server.baseUrl;
    const peer = { localAddress: '127.0.0.43' };
    for (let i = 0; i < LIMIT; i += 1) {
      const reply = await wrongLogin(direct, { ...peer, headers: { 'x-forwarded-for': `198.51.100.${i}` } });
      expect(errorCodeOf(reply)).toBe('invalid_credentials');
    }
    const limited = await wrongLogin(direct, { ...peer, headers: { 'x-forwarded-for': '198.51.100.99' } });
    expect(errorCodeOf(limited)).toBe('rate_limited');

    const forging = { localAddress: '127.0.0.44', headers: { 'x-forwarded-for': '203.0.113.9, 127.0.0.50' } };
    const signIn = await postJson(direct, '/auth/login', { username: 'eli', password: PASSWORD }, forging);
    expect(signIn.status).toBe(200);
    expect(await securityEventAddresses('eli')).toEqual(['127.0.0.44']);
  });
});
