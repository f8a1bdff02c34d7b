import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, createHttpClient, type ApiClient } from '../../../electron/main/services/api-client';
import { KeytarSecretStore, MemorySecretStore, type SecretStore } from '../../../electron/main/services/secret-store';
import { createSessionService, sessionAccount } from '../../../electron/main/services/session';
import type { SecurusError } from '../../../shared/errors';
import { keyringAvailable, keyringRequired, loadKeytar } from '../support/keyring';
import { startRealServer, type RealServer } from '../support/real-server';

let server: RealServer;
let api: ApiClient;
beforeAll(async () => {
  server = await startRealServer();
  api = createApiClient(createHttpClient({ serverUrl: server.url, timeoutMs: 5000, caBundle: null }));
});
afterAll(async () => {
  await server?.close();
});

/** The real keychain when the test runs inside the keyring session (npm test), memory otherwise. */
function secretStore(): SecretStore {
  return keyringAvailable || keyringRequired
    ? new KeytarSecretStore(loadKeytar(), `Securus Console session test ${process.pid} ${Math.random()}`)
    : new MemorySecretStore();
}

describe(`session (${keyringAvailable ? 'OS keychain' : 'memory store'})`, () => {
  it('survives a restart within its lifetime: a new service restores it from the store without a login', async () => {
    const store = secretStore();
    const account = await server.createUser();
    const first = createSessionService({ api, secretStore: store, serverUrl: server.url });
    expect(await first.login(account)).toMatchObject({ status: 'authenticated', user: { username: account.username } });
    const stored = await store.get(sessionAccount(server.url));
    expect(stored).toContain('"token"');

    const afterRestart = createSessionService({ api, secretStore: store, serverUrl: server.url });
    expect(await afterRestart.getSession()).toMatchObject({
      status: 'signed_in',
      user: { username: account.username },
    });
    expect(await afterRestart.callWithSession('me', undefined)).toMatchObject({ user: { username: account.username } });
    await afterRestart.logout();
  });

  it('logout erases the token from the store and ends it on the server', async () => {
    const store = secretStore();
    const account = await server.createUser();
    const session = createSessionService({ api, secretStore: store, serverUrl: server.url });
    await session.login(account);
    const { token } = JSON.parse((await store.get(sessionAccount(server.url))) ?? '{}') as { token: string };
    await session.logout();
    expect(await store.get(sessionAccount(server.url))).toBeNull();
    expect(await session.getSession()).toEqual({ status: 'signed_out' });
    const reuse = await api.call('me', undefined, { token }).catch((error: unknown) => error);
    expect((reuse as SecurusError).code).toBe('unauthenticated');
  });

  it('a session the server no longer knows (expired, ended elsewhere) is erased at the next call', async () => {
    const store = secretStore();
    const account = await server.createUser();
    const session = createSessionService({ api, secretStore: store, serverUrl: server.url });
    await session.login(account);
    const { token } = JSON.parse((await store.get(sessionAccount(server.url))) ?? '{}') as { token: string };
    await api.call('logout', {}, { token });
    const restarted = createSessionService({ api, secretStore: store, serverUrl: server.url });
    expect(await restarted.getSession()).toEqual({ status: 'signed_out' });
    expect(await store.get(sessionAccount(server.url))).toBeNull();
  });

  it('keeps the 2FA challenge token out of the store, and a second factor without a challenge is refused', async () => {
    const store = secretStore();
    const session = createSessionService({ api, secretStore: store, serverUrl: server.url });
    const refused = await session.submitSecondFactor({ code: '123456' }).catch((error: unknown) => error);
    expect((refused as SecurusError).code).toBe('challenge_expired');
    const wrong = await session.login({ username: 'nobody', password: 'wrong' }).catch((error: unknown) => error);
    expect((wrong as SecurusError).code).toBe('invalid_credentials');
    expect(await store.get(sessionAccount(server.url))).toBeNull();
  });

  it('never hands one server’s token to another server', async () => {
    const store = secretStore();
    const account = await server.createUser();
    await createSessionService({ api, secretStore: store, serverUrl: server.url }).login(account);
    const other = createSessionService({ api, secretStore: store, serverUrl: 'https://other.example' });
    expect(await other.getSession()).toEqual({ status: 'signed_out' });
    await createSessionService({ api, secretStore: store, serverUrl: server.url }).logout();
  });
});
