import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig } from '../../server/config';

const problem = (env: NodeJS.ProcessEnv, file?: string) => {
  try {
    loadServerConfig(env, file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadServerConfig', () => {
  it('has the documented defaults', () => {
    const config = loadServerConfig({});
    expect(config).toMatchObject({
      dataDir: resolve('./.securus'),
      port: 4870,
      host: '127.0.0.1',
      issuer: 'Securus',
      lockout: { threshold: 10, minutes: 15 },
      session: { idleMinutes: 30, absoluteHours: 12, stepUpMinutes: 10 },
      resetTwoFactorPolicy: 'delayed',
      resetTwoFactorDelayHours: 24,
      passwordHashing: { concurrency: 2, queueLimit: 32, maxQueueWaitMs: 250 },
      twoFactorPolicy: { require: 'off', graceDays: 7, rememberDeviceDays: 0 },
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.secretKeys).toBeUndefined();
  });

  it('reads the environment', () => {
    const key = randomBytes(32).toString('base64');
    const config = loadServerConfig({
      SECURUS_DATA_DIR: '/var/lib/securus',
      SECURUS_PORT: '8080',
      SECURUS_HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u:p@db/securus',
      SECURUS_SMTP_URL: 'smtp://mail.example.com:25',
      SECURUS_ISSUER: 'Acme',
      SECURUS_SECRET_KEY: key,
      SECURUS_SECRET_KEY_ID: '2026',
      SECURUS_LOCKOUT_THRESHOLD: '5',
      SECURUS_LOCKOUT_MINUTES: '30',
      SECURUS_SESSION_IDLE_MINUTES: '15',
      SECURUS_SESSION_ABSOLUTE_HOURS: '8',
      SECURUS_RESET_2FA_POLICY: 'require-second-factor',
      SECURUS_RESET_2FA_DELAY_HOURS: '72',
      SECURUS_PASSWORD_HASH_MAX_QUEUE_WAIT_MS: '400',
      SECURUS_REQUIRE_2FA: 'on',
      SECURUS_REQUIRE_2FA_GRACE_DAYS: '0',
      SECURUS_REMEMBER_DEVICE_DAYS: '30',
    });
    expect(config).toMatchObject({
      dataDir: '/var/lib/securus',
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u:p@db/securus',
      smtpUrl: 'smtp://mail.example.com:25',
      issuer: 'Acme',
      secretKeys: [{ id: '2026', key }],
      lockout: { threshold: 5, minutes: 30 },
      session: { idleMinutes: 15, absoluteHours: 8 },
      resetTwoFactorPolicy: 'require-second-factor',
      resetTwoFactorDelayHours: 72,
      passwordHashing: { concurrency: 2, queueLimit: 32, maxQueueWaitMs: 400 },
      twoFactorPolicy: { require: 'on', graceDays: 0, rememberDeviceDays: 30 },
    });
  });

  it('reads retired keys for rotation after the current one', () => {
    const [current, old] = [randomBytes(32).toString('base64'), randomBytes(32).toString('base64')];
    const config = loadServerConfig({
      SECURUS_SECRET_KEY: current,
      SECURUS_SECRET_KEY_ID: '2026',
      SECURUS_PREVIOUS_SECRET_KEYS: `2025:${old}`,
    });
    expect(config.secretKeys).toEqual([
      { id: '2026', key: current },
      { id: '2025', key: old },
    ]);
    expect(problem({ SECURUS_SECRET_KEY: current, SECURUS_PREVIOUS_SECRET_KEYS: 'nokey' })).toContain(
      'SECURUS_SECRET_KEY',
    );
  });

  it.each([
    ['SECURUS_PORT', 'eighty'],
    ['SECURUS_PORT', '70000'],
    ['SECURUS_LOCKOUT_THRESHOLD', '101'],
    ['SECURUS_LOCKOUT_THRESHOLD', '0'],
    ['SECURUS_SESSION_IDLE_MINUTES', '31'],
    ['SECURUS_SESSION_ABSOLUTE_HOURS', '13'],
    ['SECURUS_STEP_UP_MINUTES', '0'],
    ['SECURUS_STEP_UP_MINUTES', '11'],
    ['SECURUS_STEP_UP_MINUTES', '0.5'],
    ['SECURUS_STEP_UP_SECONDS', '14'],
    ['SECURUS_STEP_UP_SECONDS', '601'],
    ['SECURUS_STEP_UP_SECONDS', '20.5'],
    ['SECURUS_STEP_UP_SECONDS', 'twenty'],
    ['SECURUS_RESET_2FA_POLICY', 'sometimes'],
    ['SECURUS_RESET_2FA_DELAY_HOURS', '0'],
    ['SECURUS_RESET_2FA_DELAY_HOURS', '721'],
    ['SECURUS_RESET_2FA_DELAY_HOURS', '1.5'],
    ['SECURUS_RESET_2FA_DELAY_HOURS', 'a day'],
    ['SECURUS_REQUIRE_2FA', 'yes'],
    ['SECURUS_REQUIRE_2FA', 'ON '],
    ['SECURUS_REQUIRE_2FA_GRACE_DAYS', '-1'],
    ['SECURUS_REQUIRE_2FA_GRACE_DAYS', '91'],
    ['SECURUS_REQUIRE_2FA_GRACE_DAYS', 'a week'],
    ['SECURUS_REMEMBER_DEVICE_DAYS', '31'],
    ['SECURUS_REMEMBER_DEVICE_DAYS', '-1'],
    ['SECURUS_REMEMBER_DEVICE_DAYS', '2.5'],
    ['SECURUS_SECRET_KEY', 'c2hvcnQ='],
    ['DATABASE_URL', 'mysql://db/securus'],
    ['SECURUS_SMTP_URL', 'http://mail'],
  ])('refuses %s=%j and names the variable', (name, value) => {
    expect(problem({ [name]: value })).toContain(name);
  });

  it('takes the step-up window in whole minutes, or in seconds as a fraction of a minute', () => {
    expect(loadServerConfig({}).session).toEqual({ idleMinutes: 30, absoluteHours: 12, stepUpMinutes: 10 });
    expect(loadServerConfig({ SECURUS_STEP_UP_MINUTES: '1' }).session.stepUpMinutes).toBe(1);
    expect(loadServerConfig({ SECURUS_STEP_UP_SECONDS: '20' }).session).toEqual({
      idleMinutes: 30,
      absoluteHours: 12,
      stepUpMinutes: 20 / 60,
    });
    expect(loadServerConfig({ SECURUS_STEP_UP_SECONDS: '15' }).session.stepUpMinutes).toBe(0.25);
    expect(loadServerConfig({ SECURUS_STEP_UP_SECONDS: '600' }).session.stepUpMinutes).toBe(10);
  });

  it('refuses the step-up window in minutes and in seconds at once, naming both variables', () => {
    const both = problem({ SECURUS_STEP_UP_MINUTES: '1', SECURUS_STEP_UP_SECONDS: '20' });
    expect(both).toContain('SECURUS_STEP_UP_MINUTES');
    expect(both).toContain('SECURUS_STEP_UP_SECONDS');

    const file = join(mkdtempSync(join(tmpdir(), 'securus-config-')), 'server.json');
    writeFileSync(file, JSON.stringify({ session: { stepUpMinutes: 5 } }));
    expect(problem({ SECURUS_STEP_UP_SECONDS: '20' }, file)).toMatch(
      /SECURUS_STEP_UP_MINUTES.*SECURUS_STEP_UP_SECONDS/,
    );
  });

  it('takes a JSON config file under the environment, and names a bad file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'securus-config-'));
    const file = join(dir, 'server.json');
    writeFileSync(file, JSON.stringify({ issuer: 'From file', lockout: { threshold: 7 }, port: 9000 }));
    const config = loadServerConfig({ SECURUS_CONFIG: file, SECURUS_PORT: '9100' });
    expect(config).toMatchObject({ issuer: 'From file', lockout: { threshold: 7, minutes: 15 }, port: 9100 });

    writeFileSync(file, '{ not json');
    expect(problem({ SECURUS_CONFIG: file })).toContain('SECURUS_CONFIG');
    writeFileSync(file, JSON.stringify({ lockuot: { threshold: 7 } }));
    expect(problem({}, file)).toMatch(/lockuot/);
  });
});
