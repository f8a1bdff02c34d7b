import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareChallenges } from '../../bench/prepare';
import { spawnBenchServer, type BenchServer } from '../../bench/spawn-server';
import { openDatabase } from '../../server/db/connect';

const PASSWORD = 'durable password 0123456789';
const THRESHOLD = 10;
/** More than the threshold: some answers are wrong-code checks, the rest refusals of a locked account. */
const BURST = THRESHOLD + 4;

function serverEnv(dataDir: string, accounts: unknown[]): Record<string, string> {
  return {
    SECURUS_DATA_DIR: dataDir,
    SECURUS_PORT: '0',
    SECURUS_HOST: '127.0.0.1',
    DATABASE_URL: '',
    SECURUS_SMTP_URL: '',
    SECURUS_LOCKOUT_THRESHOLD: String(THRESHOLD),
    SECURUS_LOGIN_RATE_LIMIT: '1000',
    BENCH_ACCOUNTS: JSON.stringify(accounts),
  };
}

async function post(
  apiUrl: string,
  path: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// A wrong code is counted and audited in the database before its answer leaves the server (SQLite WAL: a commit
// survives the process dying). So a server killed with SIGKILL the moment the last answer of a burst arrived, with
// no chance to flush or shut down, must come back with every answered attempt counted and audited.
describe('second-factor attempts survive the server being killed', () => {
  let server: BenchServer | undefined;
  let dataDir = '';
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  // Two real server processes start under tsx (about 2 s of CPU each): give a loaded CI machine room.
  it(
    'counts and audits every answered wrong code of a burst after SIGKILL and a restart',
    { timeout: 90_000 },
    async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'securus-durability-'));
      server = await spawnBenchServer(serverEnv(dataDir, [{ prefix: 'durable', count: 1, password: PASSWORD }]));
      const username = server.accounts.durable![0]!;
      const [challenge] = await prepareChallenges(server.apiUrl, [username], PASSWORD, BURST);

      const answers = await Promise.all(
        challenge!.wrongCodes.map((code) =>
          post(server!.apiUrl, '/auth/login/2fa', { challengeToken: challenge!.challengeToken, code }),
        ),
      );
      process.kill(server.pid, 'SIGKILL');
      await server.stop();
      server = undefined;

      const statuses = answers.map((answer) => answer.status).sort();
      // THRESHOLD - 1 wrong codes refused; the one that reached the threshold and the rest refused as `locked`.
      expect(statuses).toEqual([
        ...Array<number>(THRESHOLD - 1).fill(400),
        ...Array<number>(BURST - THRESHOLD + 1).fill(423),
      ]);

      server = await spawnBenchServer(serverEnv(dataDir, []));
      const login = await post(server.apiUrl, '/auth/login', { username, password: PASSWORD });
      expect(login.body).toMatchObject({ status: '2fa_required' });
      expect(login.body.lockedForSeconds).toBeGreaterThan(0);

      const storage = openDatabase({ dataDir });
      try {
        const user = await storage.db
          .selectFrom('users')
          .select(['id', 'second_factor_failures', 'locked_until'])
          .where('username', '=', username)
          .executeTakeFirstOrThrow();
        expect(user.second_factor_failures).toBe(THRESHOLD);
        expect(user.locked_until).toBeGreaterThan(Date.now());
        const events = await storage.db
          .selectFrom('security_events')
          .select(['type', 'reason'])
          .where('user_id', '=', user.id)
          .where('type', 'in', ['second_factor_failed', 'account_locked'])
          .execute();
        const failed = events.filter((event) => event.type === 'second_factor_failed');
        expect(failed).toHaveLength(BURST);
        expect(failed.filter((event) => event.reason === 'wrong_code')).toHaveLength(THRESHOLD);
        expect(failed.filter((event) => event.reason === 'locked')).toHaveLength(BURST - THRESHOLD);
        expect(events.filter((event) => event.type === 'account_locked')).toHaveLength(1);
      } finally {
        await storage.close();
      }
    },
  );
});
