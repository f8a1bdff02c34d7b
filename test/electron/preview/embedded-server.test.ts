import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_LOG_FILE_VARIABLE, startEmbeddedServer } from '../../../electron/preview/embedded-server';
import { API_PREFIX } from '../../../shared/api/routes';
import { postJson } from '../../support/http-json';

const dirs: string[] = [];
afterEach(() => {
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'securus-embedded-'));
  dirs.push(dir);
  return dir;
}

describe('startEmbeddedServer request log', () => {
  it('is appended to the file SECURUS_SERVER_LOG_FILE names, as well as to the given sink', async () => {
    const logFile = join(tempDir(), 'embedded-server.log');
    const sunk: string[] = [];
    const server = await startEmbeddedServer({
      dataDir: tempDir(),
      env: { [SERVER_LOG_FILE_VARIABLE]: logFile },
      logSink: (line) => sunk.push(line),
    });
    try {
      const account = server.demoAccount!;
      const login = await postJson(`${server.url}${API_PREFIX}`, '/auth/login', account);
      expect(login.status, login.text).toBe(200);
    } finally {
      await server.close();
    }
    const written = readFileSync(logFile, 'utf8');
    expect(written).toBe(sunk.join(''));
    expect(written).toContain('"securityEvent":"login_succeeded"');
    expect(written).not.toContain(server.demoAccount!.password);
  });
});
