import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackupCodesResponse, LoginResponse, SetupResponse } from '../../shared/api';
import { SECRET_KEY_FILE } from '../../server/secret-key';
import { normalizeBackupCode, normalizeResetCode } from '../../shared/codes';
import { authenticatorCode, base32Decode } from '../support/reference-totp';
import { postJson, type HttpReply } from '../support/http-json';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp-server';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from './harness';
import { ATTACK_TEST_LIMITS, createAccount, wrongCode } from './attacks/fixtures';

const NEW_PASSWORD = 'log hygiene new passphrase';
const WRONG_PASSWORD = 'not-the-password-at-all';

/** Every secret value the flow saw, in each form it could be written in (plain, canonical, bytes as hex/base64). */
class SecretCollector {
  readonly values = new Map<string, string>();

  add(kind: string, value: string | undefined): void {
    if (value) {
      this.values.set(value, kind);
    }
  }

  addTotpSecret(secret: string): void {
    const bytes = base32Decode(secret);
    this.add('TOTP secret (base32)', secret);
    this.add('TOTP secret (lower-case base32)', secret.toLowerCase());
    this.add('TOTP secret (hex)', bytes.toString('hex'));
    this.add('TOTP secret (base64)', bytes.toString('base64').replace(/=+$/, ''));
    this.add('TOTP secret (base64url)', bytes.toString('base64url'));
  }

  addCode(kind: string, code: string, canonical: string | null = code): void {
    this.add(kind, code);
    this.add(`${kind} (canonical)`, canonical ?? undefined);
  }

  /** Lines holding a collected value; six-digit codes only count as a standalone number, not inside a timestamp. */
  leaksIn(lines: string[]): string[] {
    const leaks: string[] = [];
    for (const line of lines) {
      for (const [value, kind] of this.values) {
        const found = /^\d+$/.test(value) ? new RegExp(`(?<!\\d)${value}(?!\\d)`).test(line) : line.includes(value);
        if (found) {
          leaks.push(`${kind} in: ${line.slice(0, 300)}`);
        }
      }
      if (/otpauth:/i.test(line)) {
        leaks.push(`otpauth URI in: ${line.slice(0, 300)}`);
      }
    }
    return leaks;
  }
}

describe.each(STORAGE_DIALECTS)('log hygiene over a full flow, %s storage', (dialect) => {
  let smtp: TestSmtpServer;
  let server: TestServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ dialect, listen: true, config: { ...ATTACK_TEST_LIMITS, smtpUrl: smtp.url } });
  });

  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it('no password, code, secret, token or otpauth URI in any log line; every attempt logged with account and address', async () => {
    const secrets = new SecretCollector();
    const attempts: LoggedAttempt[] = [];
    /** Runs one attempt and keeps the log lines written while it ran (attempts run one at a time). */
    const attempt = async <R extends HttpReply>(outcome: string, run: () => Promise<R>): Promise<R> => {
      const from = server.logLines.length;
      const reply = await run();
      attempts.push({ outcome, reply, lines: server.logLines.slice(from) });
      return reply;
    };
    const post = <T>(path: string, body: unknown, token?: string) => postJson<T>(server.baseUrl, path, body, { token });
    const account = await createAccount(server, 'hygiene');
    secrets.add('password', account.password);
    secrets.add('wrong password', WRONG_PASSWORD);
    secrets.add('new password', NEW_PASSWORD);

    const login = async (password: string) => {
      const reply = await post<LoginResponse>('/auth/login', { username: account.username, password });
      const body = reply.body as { session?: { token: string }; challengeToken?: string };
      secrets.add('session token', body.session?.token);
      secrets.add('challenge token', body.challengeToken);
      return { reply, session: body.session?.token, challenge: body.challengeToken };
    };
    const secondFactor = async (challenge: string, code: string) => {
      const reply = await post<{ session?: { token: string } }>('/auth/login/2fa', { challengeToken: challenge, code });
      secrets.add('session token', reply.body.session?.token);
      return reply;
    };

    await attempt('password refused', async () => (await login(WRONG_PASSWORD)).reply);
    let firstSession = '';
    await attempt('password accepted', async () => {
      const reply = await login(account.password);
      firstSession = reply.session!;
      return reply.reply;
    });

    const setup = await post<SetupResponse>('/me/2fa/setup', {}, firstSession);
    expect(setup.status, setup.text).toBe(200);
    secrets.addTotpSecret(setup.body.secret);
    secrets.add('otpauth URI', setup.body.otpauthUri);
    const secret = setup.body.secret;
    const enrollCode = authenticatorCode(secret, server.clock.now());
    secrets.addCode('TOTP code', enrollCode);
    const verify = await post<BackupCodesResponse>(
      '/me/2fa/verify',
      { enrollmentId: setup.body.enrollmentId, code: enrollCode },
      firstSession,
    );
    expect(verify.status, verify.text).toBe(200);
    verify.body.backupCodes.forEach((code) => secrets.addCode('backup code', code, normalizeBackupCode(code)));
    expect((await post('/me/2fa/confirm', { enrollmentId: setup.body.enrollmentId }, firstSession)).status).toBe(200);
    expect((await post('/auth/logout', {}, firstSession)).status).toBe(200);

    server.clock.advance(30_000);
    const twoFactorAccount = { ...account, secret, backupCodes: verify.body.backupCodes };
    let challenge = '';
    await attempt('password accepted, second factor required', async () => {
      const reply = await login(account.password);
      challenge = reply.challenge!;
      return reply.reply;
    });
    const badCode = wrongCode(server, twoFactorAccount);
    secrets.addCode('wrong TOTP code', badCode);
    await attempt('TOTP refused', () => secondFactor(challenge, badCode));
    const goodCode = authenticatorCode(secret, server.clock.now());
    secrets.addCode('TOTP code', goodCode);
    const totpLogin = await attempt('TOTP accepted', () => secondFactor(challenge, goodCode));
    challenge = (await login(account.password)).challenge!;
    await attempt('TOTP replay refused', () => secondFactor(challenge, goodCode));

    const backupCode = verify.body.backupCodes[0]!;
    challenge = (await login(account.password)).challenge!;
    await attempt('backup code accepted', () => secondFactor(challenge, backupCode));
    challenge = (await login(account.password)).challenge!;
    await attempt('backup code reuse refused', () => secondFactor(challenge, backupCode));

    const session = totpLogin.body.session!.token;
    expect((await post('/auth/reauth', { password: account.password }, session)).status).toBe(200);
    const regenerated = await post<BackupCodesResponse>(
      '/me/2fa/backup-codes',
      { password: account.password },
      session,
    );
    expect(regenerated.status, regenerated.text).toBe(200);
    regenerated.body.backupCodes.forEach((code) => secrets.addCode('backup code', code, normalizeBackupCode(code)));
    expect((await post('/me/2fa/reset', { password: account.password }, session)).status).toBe(200);

    expect((await post('/auth/password/forgot', { login: account.email })).status).toBe(202);
    const mail = await smtp.waitForMail((m) => m.envelopeTo.includes(account.email) && /Reset code:/.test(m.text));
    const resetCode = /^Reset code: (\S[^\n]*?)\s*$/m.exec(mail.text)![1]!;
    secrets.addCode('reset token', resetCode, normalizeResetCode(resetCode));
    const reset = await post('/auth/password/reset', {
      token: resetCode,
      newPassword: NEW_PASSWORD,
      removeTwoFactor: false,
    });
    expect(reset.status, reset.text).toBe(200);
    await attempt('new password accepted', async () => (await login(NEW_PASSWORD)).reply);
    await attempt('old password refused', async () => (await login(account.password)).reply);

    for (const key of secretKeysOf(server)) {
      secrets.add('secret-encryption key (base64)', key);
      secrets.add('secret-encryption key (hex)', Buffer.from(key, 'base64').toString('hex'));
    }
    expect(secrets.values.size).toBeGreaterThan(30);
    expect(server.logLines.length).toBeGreaterThan(attempts.length);
    expect(secrets.leaksIn(server.logLines)).toEqual([]);
    expectEveryAttemptLogged(account, attempts);
  });
});

/** The keys sealing TOTP secrets at rest: configured (PostgreSQL) or generated into the data directory (SQLite). */
function secretKeysOf(server: TestServer): string[] {
  if (server.config.secretKeys) {
    return server.config.secretKeys.map((entry) => entry.key);
  }
  const [, key] = readFileSync(join(server.dataDir, SECRET_KEY_FILE), 'utf8').trim().split(':');
  expect(key).toBeTruthy();
  return [key!];
}

interface LoggedAttempt {
  outcome: string;
  reply: HttpReply;
  lines: string[];
}

/** Each attempt's outcome leaves a line naming the account (username or id) and the client address. */
function expectEveryAttemptLogged(account: { id: string; username: string }, attempts: LoggedAttempt[]): void {
  const namesAccountAndAddress = (line: string) =>
    (line.includes(account.username) || line.includes(account.id)) && line.includes('127.0.0.1');
  const unlogged = attempts
    .filter((attempt) => !attempt.lines.some(namesAccountAndAddress))
    .map((attempt) => `${attempt.outcome} (HTTP ${attempt.reply.status}): ${JSON.stringify(attempt.lines)}`);
  expect(unlogged).toEqual([]);
  const refusalsWithoutOutcome = attempts
    .filter((attempt) => attempt.reply.status >= 400)
    .filter(
      (attempt) =>
        !attempt.lines.some((line) => namesAccountAndAddress(line) && /fail|refus|invalid|denied|reject/i.test(line)),
    )
    .map((attempt) => attempt.outcome);
  expect(refusalsWithoutOutcome).toEqual([]);
  expect(attempts.map((attempt) => attempt.reply.status >= 400)).toEqual([
    true,
    false,
    false,
    true,
    false,
    true,
    false,
    true,
    false,
    true,
  ]);
}
