import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/api';
import { callApi, enableTwoFactor, loginWithPassword, readOutbox, startTestServer, type TestServer } from './harness';

const root = join(import.meta.dirname, '../..');
const PASSWORD = 'correct horse battery staple';

function securus(dataDir: string, args: string[], stdin = '') {
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['server/cli.ts', ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME, SECURUS_DATA_DIR: dataDir },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run securus', () => {
  let server: TestServer | undefined;
  let dataDir = '';
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('user add: reads the password from stdin, and the user can sign in', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-cli-'));
    const added = securus(dataDir, ['user', 'add', 'casey', '--email', 'casey@securus.test'], `${PASSWORD}\n`);
    expect(added.stderr).not.toContain(PASSWORD);
    expect(added.status).toBe(0);
    expect(added.stdout).toMatch(/Created user casey/);

    expect(securus(dataDir, ['user', 'add', 'casey', '--email', 'casey@securus.test'], `${PASSWORD}\n`)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('already exists'),
    });
    expect(securus(dataDir, ['user', 'add', 'drew', '--email', 'not-an-email'], `${PASSWORD}\n`)).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('--email'),
    });
    expect(securus(dataDir, ['user', 'add', 'drew', '--email', 'drew@securus.test'], 'short\n')).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('password'),
    });

    server = await startTestServer({ listen: false, config: { dataDir } });
    const login = await loginWithPassword(server, { username: 'casey', password: PASSWORD });
    expect(login).toMatchObject({ status: 'authenticated', user: { username: 'casey', email: 'casey@securus.test' } });
  });

  it('user reset-2fa: removes 2FA, ends sessions, audits and notifies the owner', async () => {
    server = await startTestServer({ listen: false });
    await server.createUser({ username: 'robin', password: PASSWORD, email: 'robin@securus.test' });
    const { sessionToken } = await enableTwoFactor(server, { username: 'robin', password: PASSWORD });

    const reset = securus(server.dataDir, ['user', 'reset-2fa', 'robin']);
    expect(reset.status).toBe(0);
    expect(reset.stdout).toMatch(/reset for robin/);
    expect(reset.stderr).toContain('"securityEvent":"two_factor_reset_by_admin"');

    expect((await callApi(server, 'GET', '/me', undefined, sessionToken)).status).toBe(401);
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'robin',
      password: PASSWORD,
    });
    expect(login.body.status).toBe('authenticated');
    const token = login.body.status === 'authenticated' ? login.body.session.token : '';
    const events = await callApi<{ events: Array<{ type: string }> }>(
      server,
      'GET',
      '/me/security-events',
      undefined,
      token,
    );
    expect(events.body.events.map((event) => event.type)).toContain('two_factor_reset_by_admin');
    const mail = (await readOutbox(server)).find((item) => item.subject.includes('reset by an administrator'));
    expect(mail?.to).toBe('robin@securus.test');

    expect(securus(server.dataDir, ['user', 'reset-2fa', 'nobody'])).toMatchObject({ status: 1 });
  });

  const supervisorsList = (token: string) => callApi(server!, 'GET', '/admin/supervisors', undefined, token);

  it('user add --role: admin or supervisor (the default), anything else refused', { timeout: 120_000 }, async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-cli-'));
    const admin = securus(
      dataDir,
      ['user', 'add', 'ada', '--email', 'ada@securus.test', '--role', 'admin'],
      `${PASSWORD}\n`,
    );
    expect(admin).toMatchObject({ status: 0, stdout: expect.stringMatching(/Created user ada .*an administrator/) });
    const plain = securus(dataDir, ['user', 'add', 'sam', '--email', 'sam@securus.test'], `${PASSWORD}\n`);
    expect(plain).toMatchObject({ status: 0, stdout: expect.stringMatching(/Created user sam .*a supervisor/) });
    const wrong = securus(
      dataDir,
      ['user', 'add', 'kim', '--email', 'kim@securus.test', '--role', 'root'],
      `${PASSWORD}\n`,
    );
    expect(wrong).toMatchObject({
      status: 1,
      stderr: expect.stringContaining('--role must be supervisor or admin, not "root"'),
    });

    server = await startTestServer({ listen: false, config: { dataDir } });
    const ada = await loginWithPassword(server, { username: 'ada', password: PASSWORD });
    const sam = await loginWithPassword(server, { username: 'sam', password: PASSWORD });
    expect(ada).toMatchObject({ status: 'authenticated', user: { role: 'admin' } });
    expect(sam).toMatchObject({ status: 'authenticated', user: { role: 'supervisor' } });
    const kim = await callApi(server, 'POST', '/auth/login', { username: 'kim', password: PASSWORD });
    expect(kim.status).toBe(401);
  });

  it(
    'user set-role: takes effect at the next request; bad roles and unknown users refused',
    { timeout: 120_000 },
    async () => {
      server = await startTestServer({ listen: false });
      await server.createUser({ username: 'sam', password: PASSWORD });
      const login = await loginWithPassword(server, { username: 'sam', password: PASSWORD });
      const token = login.status === 'authenticated' ? login.session.token : '';
      expect((await supervisorsList(token)).status).toBe(403);

      const promoted = securus(server.dataDir, ['user', 'set-role', 'sam', 'admin']);
      expect(promoted).toMatchObject({ status: 0, stdout: expect.stringContaining('sam is now an administrator') });
      expect((await supervisorsList(token)).status).toBe(200);
      expect(securus(server.dataDir, ['user', 'set-role', 'sam', 'admin']).stdout).toContain(
        'already an administrator',
      );

      expect(securus(server.dataDir, ['user', 'set-role', 'sam', 'superuser'])).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('role must be supervisor or admin, not "superuser"'),
      });
      expect(securus(server.dataDir, ['user', 'set-role', 'nobody', 'admin'])).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('no user named nobody'),
      });
      const demoted = securus(server.dataDir, ['user', 'set-role', 'sam', 'supervisor']);
      expect(demoted).toMatchObject({ status: 0, stdout: expect.stringContaining('sam is now a supervisor') });
      expect((await supervisorsList(token)).status).toBe(403);
    },
  );
});
