import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { authenticatorCode } from '../support/reference-totp';
import { TEST_LOG_DIR_VARIABLE } from './log-capture';
import { enableTwoFactor, startTestServer } from './harness';

const SCANNER = join(import.meta.dirname, '../../scripts/scan-test-logs.mjs');
const CLEAN_LINE = JSON.stringify({ level: 30, time: 1795865100138, pid: 4242, msg: 'request completed' });
const BACKUP_CODE = 'ABCDE-FGHJK-MNPQR';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SESSION_TOKEN = 'iLTKa5aNMhi6Y9owTPgXqrmoIWZC9LK_DSvL9_XOq9I';

const dirs: string[] = [];
function logDir(files: Record<string, string[]> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'securus-log-scan-'));
  dirs.push(dir);
  for (const [name, lines] of Object.entries(files)) {
    writeFileSync(join(dir, name), lines.map((line) => `${line}\n`).join(''));
  }
  return dir;
}

const recorded = (kind: string, value: string) => JSON.stringify({ kind, value });

function scan(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [SCANNER, dir], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

afterEach(() => {
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

describe('scripts/scan-test-logs.mjs', () => {
  const secrets = [
    recorded('backup code', BACKUP_CODE),
    recorded('TOTP secret', TOTP_SECRET),
    recorded('session token', SESSION_TOKEN),
    recorded('code', '493817'),
  ];

  it('passes clean logs and says how many lines and secrets it checked', () => {
    const result = scan(logDir({ 'a.log': [CLEAN_LINE, CLEAN_LINE], 'a.secrets.jsonl': secrets }));
    expect(result.output).toMatch(/Checked 2 log lines in 1 files against \d+ secret forms/);
    expect(result.status).toBe(0);
  });

  it.each([
    ['backup code', `{"msg":"used ${BACKUP_CODE.replace(/-/g, '')}"}`],
    ['backup code', `{"msg":"used ${BACKUP_CODE.toLowerCase()}"}`],
    ['TOTP secret', `{"msg":"seed ${TOTP_SECRET.toLowerCase()}"}`],
    ['TOTP secret', '{"msg":"seed bytes 48656c6c6f21deadbeef48656c6c6f21deadbeef"}'],
    ['session token', `{"token":"${SESSION_TOKEN}"}`],
    ['code', '{"msg":"code 493817 refused"}'],
  ])('catches a planted %s (normalised forms too) without printing it', (kind, leak) => {
    const result = scan(logDir({ 'a.log': [CLEAN_LINE, leak, CLEAN_LINE], 'a.secrets.jsonl': secrets }));
    expect(result.status).toBe(1);
    expect(result.output).toContain(`✗ ${kind} in `);
    expect(result.output).toMatch(/a\.log:2\n/);
    for (const secret of [BACKUP_CODE, BACKUP_CODE.replace(/-/g, ''), TOTP_SECRET, SESSION_TOKEN, '493817']) {
      expect(result.output.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it('does not take a recorded code for a leak inside a timestamp, pid, duration, id or account name', () => {
    const numbers = JSON.stringify({
      time: 1795493817000,
      pid: 493817,
      responseTime: 1.493817,
      userId: '3c99e4c5-e1fe-4d59-8f46-493817f4a920',
      account: 'race-493817-mx0bq2j8',
    });
    const result = scan(logDir({ 'a.log': [numbers], 'a.secrets.jsonl': secrets }));
    expect(result.output).toContain('Checked 1 log lines');
    expect(result.status).toBe(0);
  });

  it.each([
    ['otpauth URI', '{"uri":"otpauth://totp/Securus:alice?secret=X"}'],
    ['password field', '{"body":{"password":"hunter22"}}'],
    ['Authorization header', '{"headers":{"authorization":"Bearer abc"}}'],
    ['bearer credential', '{"msg":"sent Bearer 0123456789abcdef"}'],
  ])('catches a generic %s that no test recorded', (kind, leak) => {
    const result = scan(logDir({ 'a.log': [CLEAN_LINE, leak] }));
    expect(result.output).toContain(`✗ ${kind} in `);
    expect(result.status).toBe(1);
  });

  it('leaves redacted fields alone', () => {
    const redacted = '{"req":{"headers":{"authorization":"[redacted]"}},"body":{"password":"[redacted]"}}';
    expect(scan(logDir({ 'a.log': [redacted] })).status).toBe(0);
  });

  it('leaves out a value a test also sent as an account name, and still catches the others', () => {
    const fuzzed = 'Zoë Ångström 北京';
    const lines = [`{"account":"${fuzzed}-1x2y","msg":"login failed"}`, `{"msg":"${SESSION_TOKEN}"}`];
    const records = [recorded('password', fuzzed), recorded('public', `${fuzzed}-1x2y`), ...secrets];
    const result = scan(logDir({ 'a.log': lines, 'a.secrets.jsonl': records }));
    expect(result.output).toMatch(/\([1-9]\d* left out: also sent as an account name/);
    expect(result.output).not.toContain('✗ password in ');
    expect(result.output).toContain('✗ session token in ');
    expect(result.status).toBe(1);
  });

  it('fails when the directory exists but holds no log line', () => {
    const result = scan(logDir({ 'a.secrets.jsonl': secrets }));
    expect(result.output).toContain('Checked 0 log lines');
    expect(result.status).toBe(1);
  });
});

describe('the harness capture under SECURUS_TEST_LOG_DIR', () => {
  it('writes the server log and the secrets it handled, and the scanner finds one planted in a log line', async () => {
    const dir = logDir();
    const saved = process.env[TEST_LOG_DIR_VARIABLE];
    process.env[TEST_LOG_DIR_VARIABLE] = dir;
    const server = await startTestServer({ listen: false }).finally(() => {
      if (saved === undefined) {
        delete process.env[TEST_LOG_DIR_VARIABLE];
      } else {
        process.env[TEST_LOG_DIR_VARIABLE] = saved;
      }
    });
    let secret = '';
    let backupCodes: string[] = [];
    try {
      const user = { username: 'scanned', password: 'scanned user passphrase' };
      await server.createUser(user);
      ({ secret, backupCodes } = await enableTwoFactor(server, user));
    } finally {
      await server.close();
    }
    const files = readdirSync(dir);
    expect(files.filter((name) => name.endsWith('.log'))).toHaveLength(1);
    expect(files.filter((name) => name.endsWith('.secrets.jsonl'))).toHaveLength(1);
    const clean = scan(dir);
    expect(clean.output).toMatch(/Checked [1-9]\d* log lines/);
    expect(clean.status, clean.output).toBe(0);

    const [logFile] = files.filter((name) => name.endsWith('.log'));
    const plantedLines = [
      `{"msg":"enrolled ${secret.toLowerCase()}"}`,
      `{"msg":"codes ${backupCodes[3]!.replace(/-/g, '')}"}`,
      `{"msg":"password was scanned user passphrase"}`,
      `{"msg":"enrolled with ${authenticatorCode(secret, server.clock.now())}"}`,
    ];
    plantedLines.forEach((line) => appendFileSync(join(dir, logFile!), `${line}\n`));
    const leaked = scan(dir);
    expect(leaked.status).toBe(1);
    expect(leaked.output).toContain('✗ TOTP secret in ');
    expect(leaked.output).toContain('✗ backup code in ');
    expect(leaked.output).toContain('✗ password in ');
    expect(leaked.output).toContain('✗ code in ');
    expect(leaked.output).not.toContain(secret);
  });
});
