import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../server/config';
import { launchServer, type LaunchedServer } from '../../server/launch';
import { authenticatorCode } from '../support/reference-totp';

describe('launchServer', () => {
  let server: LaunchedServer | undefined;
  let dataDir = '';
  afterEach(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens SQLite under the data dir, generates a 0600 secret key, listens, and manages users', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-launch-'));
    const lines: string[] = [];
    const config = { ...loadServerConfig({ SECURUS_DATA_DIR: dataDir }), port: 0 };
    server = await launchServer(config, { logSink: (line) => lines.push(line) });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);

    const health = await fetch(`${server.url}/api/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(await server.users.count()).toBe(0);
    const { id } = await server.users.create({
      username: 'ops',
      password: 'correct horse battery staple',
      email: 'ops@securus.test',
    });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await server.users.count()).toBe(1);

    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ops', password: 'correct horse battery staple' }),
    });
    expect((await login.json()) as unknown).toMatchObject({ status: 'authenticated', user: { id, username: 'ops' } });
    expect(lines.some((line) => line.includes('"securityEvent":"login_succeeded"'))).toBe(true);
  });

  it('keeps its secret key across restarts, so a secret sealed before still opens after', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-launch-'));
    const config = { ...loadServerConfig({ SECURUS_DATA_DIR: dataDir }), port: 0 };
    server = await launchServer(config, { logSink: () => undefined });
    await server.users.create({ username: 'ops', password: 'correct horse battery staple', email: 'ops@securus.test' });
    const login = (await post(server.url, '/auth/login', {
      username: 'ops',
      password: 'correct horse battery staple',
    })) as {
      session: { token: string };
    };
    const token = login.session.token;
    const setup = (await post(server.url, '/me/2fa/setup', {}, token)) as { enrollmentId: string; secret: string };
    const key = readFileSync(join(dataDir, 'secret.key'), 'utf8');
    await server.close();

    server = await launchServer(config, { logSink: () => undefined });
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe(key);
    const code = authenticatorCode(setup.secret, Date.now());
    const verify = (await post(server.url, '/me/2fa/verify', { enrollmentId: setup.enrollmentId, code }, token)) as {
      backupCodes: string[];
    };
    expect(verify.backupCodes).toHaveLength(10);
  });
});

async function post(base: string, path: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return response.json();
}
