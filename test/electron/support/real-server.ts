import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserRole } from '../../../shared/api/common';
import { loadServerConfig } from '../../../server/config';
import { launchServer } from '../../../server/launch';
import { openLogCapture } from '../../server/log-capture';

export interface RealServer {
  url: string;
  dataDir: string;
  /** `alice1`, `alice2` …, a supervisor unless `role` says otherwise. */
  createUser(options?: { role?: UserRole }): Promise<{ username: string; password: string }>;
  close(): Promise<void>;
}

/** S1's reference server on loopback with its own SQLite database in a temporary folder. */
export async function startRealServer(env: Record<string, string> = {}): Promise<RealServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'securus-console-server-'));
  const config = loadServerConfig({ SECURUS_DATA_DIR: dataDir, SECURUS_HOST: '127.0.0.1', SECURUS_PORT: '0', ...env });
  // Under `npm test` its lines join the suite-wide scan for secrets in logs (scripts/scan-test-logs.mjs).
  const capture = openLogCapture();
  const server = await launchServer(config, { logSink: (line) => capture?.logLine(line) });
  let users = 0;
  return {
    url: server.url,
    dataDir,
    async createUser(options = {}) {
      users += 1;
      const account = { username: `alice${users}`, password: `pw-${randomBytes(9).toString('base64url')}` };
      capture?.secret('password', account.password);
      await server.users.create({
        ...account,
        email: `${account.username}@example.test`,
        displayName: `Alice ${users}`,
        role: options.role,
      });
      return account;
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
