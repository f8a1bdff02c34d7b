import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../../server/config';
import { SQLITE_FILE_NAME } from '../../../server/db/connect';
import { launchServer } from '../../../server/launch';
import { errorCodeOf, postJson } from '../../support/http-json';
import { authenticatorCode } from '../../support/reference-totp';
import { openLogCapture } from '../log-capture';
import { PASSWORD } from './accounts';
import { enableTwoFactorOverHttp } from './http-accounts';
import { startServerProcess, type ServerProcess } from './server-process';

const BOUND_SECONDS = 10;
const ATTEMPTS = 90; // under the lockout ceiling of 100: every answer is a plain wrong code
const capture = openLogCapture();
const quietly = { logSink: (line: string) => capture?.logLine(line) };

/** A supervisor with 2FA on, prepared by a server in this process that is then closed. */
async function prepareAccount(dataDir: string): Promise<{ secret: string }> {
  const server = await launchServer({ ...loadServerConfig({ SECURUS_DATA_DIR: dataDir }), port: 0 }, quietly);
  try {
    await server.users.create({ username: 'kim', password: PASSWORD, email: 'kim@securus.test' });
    const { secret } = await enableTwoFactorOverHttp(
      `${server.url}/api/v1`,
      { username: 'kim', password: PASSWORD },
      Date.now(),
    );
    return { secret };
  } finally {
    await server.close();
  }
}

function wrongCode(secret: string): string {
  const right = new Set([-30_000, 0, 30_000].map((offset) => authenticatorCode(secret, Date.now() + offset)));
  let code = 100_000;
  while (right.has(String(code))) {
    code += 1;
  }
  return String(code);
}

describe('SIGTERM to a real server process', () => {
  let server: ServerProcess | undefined;
  let dataDir = '';
  afterEach(() => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the attempts in flight, audits every one it answered, and exits 0 within the bound', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-sigterm-'));
    const { secret } = await prepareAccount(dataDir);
    server = await startServerProcess({
      SECURUS_DATA_DIR: dataDir,
      SECURUS_LOCKOUT_THRESHOLD: '100',
      SECURUS_LOGIN_RATE_LIMIT: '100000',
      SECURUS_SHUTDOWN_TIMEOUT_SECONDS: String(BOUND_SECONDS),
    });
    const api = `${server.url}/api/v1`;
    const login = await postJson<{ challengeToken: string }>(api, '/auth/login', {
      username: 'kim',
      password: PASSWORD,
    });
    const { challengeToken } = login.body;

    let sent = 0;
    let signalledAt = Infinity;
    const outcomes = { answered: 0, answeredAfterSignal: 0, busy: 0, notAnswered: 0 };
    // Eight supervisors' worth of wrong codes at once, each on a fresh connection, until the server is gone.
    const worker = async () => {
      while (sent < ATTEMPTS) {
        sent += 1;
        try {
          const reply = await postJson(
            api,
            '/auth/login/2fa',
            { challengeToken, code: wrongCode(secret) },
            { localAddress: '127.0.0.1' },
          );
          if (reply.status === 400 && errorCodeOf(reply) === 'invalid_code') {
            outcomes.answered += 1;
            outcomes.answeredAfterSignal += performance.now() > signalledAt ? 1 : 0;
          } else if (reply.status === 503 && errorCodeOf(reply) === 'server_busy') {
            outcomes.busy += 1;
          } else {
            throw new Error(`unexpected answer ${reply.status} ${reply.text}`);
          }
        } catch (error) {
          if ((error as Error).message.startsWith('unexpected answer')) {
            throw error;
          }
          outcomes.notAnswered += 1;
          return;
        }
      }
    };
    const burst = Promise.all(Array.from({ length: 8 }, worker));
    while (outcomes.answered < 20) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    signalledAt = performance.now();
    server.child.kill('SIGTERM');
    await burst;
    const exit = await server.exited;

    expect(exit).toMatchObject({ code: 0, signal: null });
    expect(exit.at - signalledAt).toBeLessThan(BOUND_SECONDS * 1000);
    expect(server.output()).toContain('SIGTERM: no new connections; finishing the requests in flight');
    expect(server.output()).toContain('Securus auth server stopped');
    expect(outcomes.answered).toBeGreaterThanOrEqual(20);
    expect(outcomes.answeredAfterSignal).toBeGreaterThan(0);

    // After a restart every answered attempt is in the audit log and counts towards the lock; nothing more.
    const restarted = await launchServer({ ...loadServerConfig({ SECURUS_DATA_DIR: dataDir }), port: 0 }, quietly);
    await restarted.close();
    const db = new SqliteDatabase(join(dataDir, SQLITE_FILE_NAME), { readonly: true });
    try {
      const audited = db
        .prepare(`select count(*) from security_events where type = 'second_factor_failed'`)
        .pluck()
        .get();
      const counted = db.prepare(`select second_factor_failures from users where username = 'kim'`).pluck().get();
      expect({ audited, counted }).toEqual({ audited: outcomes.answered, counted: outcomes.answered });
    } finally {
      db.close();
    }
  }, 120_000);
});
