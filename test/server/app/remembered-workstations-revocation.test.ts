import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../shared/api';
import type { ServerConfig } from '../../../server/config';
import { setUserRole } from '../../../server/domain/administration';
import { resetCodeFrom } from '../outbox';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, readOutbox, startTestServer, type TestServer } from '../harness';
import {
  PASSWORD,
  eventTypes,
  passwordStep,
  rememberThisWorkstation,
  supervisorWithTwoFactor,
  type Supervisor,
} from './remembered-steps';

const NEW_PASSWORD = 'a new and longer passphrase';
const REMEMBER = { twoFactorPolicy: { require: 'off', graceDays: 7, rememberDeviceDays: 30 } } as const;

describe.each(STORAGE_DIALECTS)('remembered workstations: every revocation path (%s)', (dialect) => {
  let server: TestServer;
  let kim: Supervisor;
  let deviceToken: string;
  let sessionToken: string;
  afterEach(async () => server?.close());

  async function start(config: Partial<ServerConfig> = REMEMBER) {
    server = await startTestServer({ dialect, listen: false, config });
    kim = await supervisorWithTwoFactor(server, 'kim');
    ({ deviceToken, sessionToken } = await rememberThisWorkstation(server, kim));
    expect((await passwordStep(server, 'kim', deviceToken)).body.status).toBe('authenticated');
  }

  /** After a change that removed 2FA, turn it on again: only then does "asks for the code" tell anything. */
  async function expectCodeAskedAgain(reason: string, password = PASSWORD, twoFactorRemoved = false) {
    if (twoFactorRemoved) {
      await enableTwoFactor(server, { username: 'kim', password });
      server.clock.advance(30_000);
    }
    expect((await passwordStep(server, 'kim', deviceToken, password)).body.status).toBe('2fa_required');
    const left = await server.app.securus.db.selectFrom('remembered_workstations').select('id').execute();
    expect(left).toEqual([]);
    expect(await eventTypes(server, kim.id)).toContain(`remembered_workstations_revoked:${reason}`);
  }

  it("the owner's Reset 2FA", async () => {
    await start();
    const reset = await callApi(server, 'POST', '/me/2fa/reset', { password: PASSWORD }, sessionToken);
    expect(reset.status).toBe(200);
    await expectCodeAskedAgain('two_factor_reset', PASSWORD, true);
  });

  it('regenerating backup codes', async () => {
    await start();
    const codes = await callApi(server, 'POST', '/me/2fa/backup-codes', { password: PASSWORD }, sessionToken);
    expect(codes.status).toBe(200);
    await expectCodeAskedAgain('backup_codes_regenerated');
  });

  async function resetPassword(removeTwoFactor: boolean) {
    expect((await callApi(server, 'POST', '/auth/password/forgot', { login: 'kim' })).status).toBe(202);
    const mail = (await readOutbox(server)).filter((item) => item.subject.includes('password reset code')).at(-1)!;
    const body = { token: resetCodeFrom(mail), newPassword: NEW_PASSWORD, removeTwoFactor };
    return callApi(server, 'POST', '/auth/password/reset', body);
  }

  it('a password reset, even one that keeps 2FA', async () => {
    await start();
    expect((await resetPassword(false)).status).toBe(200);
    await expectCodeAskedAgain('password_reset', NEW_PASSWORD);
  });

  it('Forgot Password removing 2FA', async () => {
    await start({ ...REMEMBER, resetTwoFactorPolicy: 'allow' });
    expect((await resetPassword(true)).body).toMatchObject({ twoFactorRemoved: true });
    await expectCodeAskedAgain('password_reset', NEW_PASSWORD, true);
  });

  it("an administrator's Reset 2FA", async () => {
    await start();
    await server.createUser({ username: 'ada', password: PASSWORD });
    await setUserRole(server.app.securus, 'ada', 'admin');
    const admin = (await passwordStep(server, 'ada')).body as Extract<LoginResponse, { status: 'authenticated' }>;
    const body = { userId: kim.id, reason: 'Lost phone' };
    const reset = await callApi(server, 'POST', '/admin/supervisors/2fa/reset', body, admin.session.token);
    expect(reset.status).toBe(200);
    await expectCodeAskedAgain('two_factor_reset_by_admin', PASSWORD, true);
  });

  it('Forget forgets only that workstation', async () => {
    await start();
    const other = await rememberThisWorkstation(server, kim, 'NIGHT-DESK');
    const list = await callApi<{ rememberedWorkstations: Array<{ id: string; label: string }> }>(
      server,
      'GET',
      '/me/workstations',
      undefined,
      sessionToken,
    );
    const front = list.body.rememberedWorkstations.find((entry) => entry.label === 'FRONT-DESK-01')!;
    const forget = await callApi(server, 'POST', '/me/workstations/forget', { id: front.id }, sessionToken);
    expect(forget.body).toEqual({ status: 'forgotten' });
    expect((await passwordStep(server, 'kim', deviceToken)).body.status).toBe('2fa_required');
    expect((await passwordStep(server, 'kim', other.deviceToken)).body.status).toBe('authenticated');
    expect(await eventTypes(server, kim.id)).toContain('workstation_forgotten');
  });
});

describe('remembered workstations: the CLI reset (sqlite)', () => {
  let server: TestServer | undefined;
  afterEach(async () => server?.close());

  it('npm run securus -- user reset-2fa forgets every remembered workstation', { timeout: 120_000 }, async () => {
    server = await startTestServer({ listen: false, config: REMEMBER });
    const kim = await supervisorWithTwoFactor(server, 'kim');
    const { deviceToken } = await rememberThisWorkstation(server, kim);
    const root = join(import.meta.dirname, '../../..');
    const cli = spawnSync(join(root, 'node_modules/.bin/tsx'), ['server/cli.ts', 'user', 'reset-2fa', 'kim'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SECURUS_DATA_DIR: server.dataDir },
      timeout: 60_000,
    });
    expect(cli.status).toBe(0);
    await enableTwoFactor(server, { username: 'kim', password: PASSWORD });
    server.clock.advance(30_000);
    expect((await passwordStep(server, 'kim', deviceToken)).body.status).toBe('2fa_required');
    expect(await eventTypes(server, kim.id)).toContain('remembered_workstations_revoked:two_factor_reset_by_admin');
  });
});
