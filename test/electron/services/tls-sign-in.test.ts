import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConsoleConfig, type ConsoleConfigResult } from '../../../electron/main/config/console-config';
import { policyPath } from '../../../electron/main/config/policy';
import { createTestPki, type TestPki } from '../../support/tls-certificates';
import { consoleFor } from '../support/console-services';
import { startRealServer, type RealServer } from '../support/real-server';

let pki: TestPki;
let server: RealServer;
let corporateCa: string;
let otherCa: string;
beforeAll(async () => {
  pki = createTestPki();
  const authority = pki.newAuthority('Corp Root CA');
  corporateCa = authority.certFile;
  otherCa = pki.newAuthority('Someone Else CA').certFile;
  const leaf = pki.issueServerCertificate(authority, 'securus.corp.test');
  server = await startRealServer({ SECURUS_TLS_CERT: leaf.certFile, SECURUS_TLS_KEY: leaf.keyFile });
});
afterAll(async () => {
  await server?.close();
  pki?.remove();
});

/** The console's configuration from an IT policy file naming the server and, optionally, a CA bundle. */
async function policyConfig(caBundlePath?: string): Promise<ConsoleConfigResult> {
  const policy = JSON.stringify({ serverUrl: server.url, ...(caBundlePath ? { caBundlePath } : {}) });
  return loadConsoleConfig({
    platform: 'linux',
    env: {},
    argv: [],
    readFile: (path) => (path === policyPath('linux') ? Promise.resolve(policy) : readFile(path, 'utf8')),
  });
}

describe('the console against the server over HTTPS', () => {
  it('signs in through the main-process API client with the CA bundle from the IT policy', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const config = await policyConfig(corporateCa);
    expect(config.ok && config.config.caBundlePath).toBe(corporateCa);
    const app = await consoleFor(server.url, { config });
    try {
      const account = await server.createUser();
      expect(await app.value('auth:login', account)).toMatchObject({ status: 'authenticated' });
      expect(await app.value('server:get-info')).toMatchObject({ issuer: 'Securus' });
    } finally {
      app.close();
    }
  });

  it.each([
    ['a CA bundle of another authority', () => otherCa],
    ['no CA bundle (the system roots alone)', () => undefined],
  ])('refuses the server with %s as tls_error, saying to contact IT', async (_name, bundle) => {
    const app = await consoleFor(server.url, { config: await policyConfig(bundle()) });
    try {
      const account = await server.createUser();
      const result = await app.call('auth:login', account);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'tls_error', message: expect.stringContaining('Contact IT') },
      });
    } finally {
      app.close();
    }
  });

  it('keeps requiring https:// for a server that is not on this machine', async () => {
    const result = await loadConsoleConfig({
      platform: 'linux',
      env: { SECURUS_SERVER_URL: 'http://securus.corp.test:4870' },
      argv: [],
      readFile: () => Promise.reject(Object.assign(new Error('none'), { code: 'ENOENT' })),
    });
    expect(result).toMatchObject({ ok: false, problem: { message: expect.stringContaining('https://') } });
  });
});
