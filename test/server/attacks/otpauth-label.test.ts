import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SetupResponse } from '../../../shared/api';
import { canonicalUsername } from '../../../shared/usernames';
import { authenticatorCode } from '../../support/reference-totp';
import { postJson } from '../../support/http-json';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';
import { ATTACK_TEST_LIMITS, createAccount, loginWithPasswordOverHttp } from './fixtures';

// SECURITY.md: "a username holding `:`, `&`, `?`, `#`, spaces or `&secret=` must not be able to add or override a
// parameter" of otpauth://totp/Securus:<account>?secret=…&issuer=Securus&algorithm=SHA1&digits=6&period=30.
const HOSTILE_USERNAMES = [
  'ops:night-shift',
  'a&b',
  'who?me',
  'hash#tag',
  'x&secret=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  'x&issuer=Evil',
  'x?secret=AAAA&issuer=Evil&digits=8&algorithm=SHA512',
  'x#?secret=AAAA',
  '%26secret%3DAAAA',
  'plus+sign/slash\\back',
  'Zoë_Ångström_北京',
  '"quoted"<tag>',
  'Evil:admin',
];

describe.each(STORAGE_DIALECTS)('otpauth URI label injection, %s storage', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: true, config: ATTACK_TEST_LIMITS });
  });

  afterAll(async () => {
    await server?.close();
  });

  // Spaces never reach a label: RFC 8265 refuses them when the account is created (test/server/app/usernames.test.ts).
  it.each(['ops:night shift', 'two  spaces ', 'rocket 🚀'])('username %j is refused at creation', async (username) => {
    await expect(createAccount(server, 'label', username)).rejects.toMatchObject({ info: { code: 'validation_failed' } });
  });

  it.each(HOSTILE_USERNAMES)('username %j cannot add or override a parameter', async (username) => {
    const account = await createAccount(server, 'label', `${username}-${Math.random().toString(36).slice(2, 6)}`);
    const login = await loginWithPasswordOverHttp(server, account.username, account.password);
    expect(login.status, login.text).toBe(200);
    const token = (login.body as { session: { token: string } }).session.token;
    const reauth = await postJson(server.baseUrl, '/auth/reauth', { password: account.password }, { token });
    expect(reauth.status, reauth.text).toBe(200);
    const setup = await postJson<SetupResponse>(server.baseUrl, '/me/2fa/setup', {}, { token });
    expect(setup.status, setup.text).toBe(200);

    const uri = new URL(setup.body.otpauthUri);
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(uri.hash).toBe('');
    // Accounts are stored under their RFC 8265 form (`Evil:admin` is `evil:admin`).
    const stored = canonicalUsername(account.username);
    expect(decodeURIComponent(uri.pathname.slice(1))).toBe(`Securus:${stored.ok ? stored.value : ''}`);
    const params = uri.searchParams;
    expect([...new Set(params.keys())].sort()).toEqual(['algorithm', 'digits', 'issuer', 'period', 'secret']);
    expect(params.getAll('secret')).toEqual([setup.body.secret]);
    expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(params.getAll('issuer')).toEqual(['Securus']);
    expect(params.getAll('algorithm')).toEqual(['SHA1']);
    expect(params.getAll('digits')).toEqual(['6']);
    expect(params.getAll('period')).toEqual(['30']);

    // The secret an authenticator reads from the URI is the one the server checks codes against.
    const code = authenticatorCode(params.get('secret')!, server.clock.now());
    const verify = await postJson(
      server.baseUrl,
      '/me/2fa/verify',
      { enrollmentId: setup.body.enrollmentId, code },
      { token },
    );
    expect(verify.status, verify.text).toBe(200);
  });
});
