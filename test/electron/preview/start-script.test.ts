import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../electron/preview/server';

const electronBinaryPresent = existsSync(join(PROJECT_ROOT, 'node_modules/electron/path.txt'));

/** Runs a launcher until it prints the preview URL, then stops it (its whole process group). */
function runUntilReady(script: string, dataDir: string): Promise<string> {
  const child = spawn('node', [script], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, SECURUS_PREVIEW_PORT: '0', SECURUS_DATA_DIR: dataDir, SECURUS_SERVER_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      process.kill(-child.pid, 'SIGTERM');
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no preview URL within 100 s:\n${output}`));
    }, 100_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (/preview is ready: http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.test(output)) {
        clearTimeout(timer);
        stop();
        resolve(output);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before the preview was ready:\n${output}`));
    });
  });
}

describe.skipIf(electronBinaryPresent)('npm start without the Electron binary', () => {
  it('says so in one sentence, then runs the preview with a demo supervisor and prints its URL', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'securus-start-'));
    try {
      const output = await runUntilReady('scripts/start.mjs', dataDir);
      const notice = output.split('\n').find((line) => line.includes('Electron'));
      expect(notice).toMatch(/^The Electron binary is not installed[^.]*\.$/);
      expect(notice?.split('. ')).toHaveLength(1);
      expect(output).toMatch(/username: supervisor/);
      expect(output).toMatch(/password: \S{20,}/);
      expect(output).toMatch(/Securus server: http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
