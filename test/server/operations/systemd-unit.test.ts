import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS } from '../../../server/config-operations';

const root = join(import.meta.dirname, '../../..');
const UNIT = 'deploy/securus-server.service';
const unitText = readFileSync(join(root, UNIT), 'utf8');
const haveSystemdAnalyze = spawnSync('systemd-analyze', ['--version'], { stdio: 'ignore' }).status === 0;

/** The unit as it would be installed, with this machine's node in ExecStart (verify checks the binary exists). */
function installedCopy(): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'securus-unit-'));
  const file = join(dir, 'securus-server.service');
  writeFileSync(file, unitText.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `));
  return { dir, file };
}

function settings(name: string): string[] {
  return unitText
    .split('\n')
    .filter((line) => line.startsWith(`${name}=`))
    .map((line) => line.slice(name.length + 1));
}

describe(UNIT, () => {
  it('runs as its own user with its state in a StateDirectory, the system read-only and no new privileges', () => {
    expect(settings('User')).toEqual(['securus']);
    expect(settings('StateDirectory')).toEqual(['securus']);
    expect(settings('Environment')).toContain('SECURUS_DATA_DIR=/var/lib/securus');
    for (const [name, value] of [
      ['ProtectSystem', 'strict'],
      ['NoNewPrivileges', 'yes'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['CapabilityBoundingSet', ''],
      ['KillSignal', 'SIGTERM'],
    ] as const) {
      expect({ name, values: settings(name) }).toEqual({ name, values: [value] });
    }
    // systemd must wait longer than the server's own bound for requests in flight before it kills.
    expect(Number.parseInt(settings('TimeoutStopSec')[0]!, 10)).toBeGreaterThan(DEFAULT_SHUTDOWN_TIMEOUT_SECONDS);
  });

  it.skipIf(!haveSystemdAnalyze)(
    haveSystemdAnalyze
      ? 'passes systemd-analyze verify without a warning, and rates OK in systemd-analyze security'
      : 'passes systemd-analyze verify (skipped: systemd-analyze is not installed here)',
    () => {
      const { dir, file } = installedCopy();
      try {
        const verify = spawnSync('systemd-analyze', ['verify', file], { encoding: 'utf8' });
        expect({ status: verify.status, stderr: verify.stderr.trim() }).toEqual({ status: 0, stderr: '' });
        const security = spawnSync('systemd-analyze', ['security', '--offline=yes', file], { encoding: 'utf8' });
        const exposure = /Overall exposure level for \S+: (\d+\.\d+)/.exec(security.stdout + security.stderr);
        expect(exposure, security.stdout + security.stderr).not.toBeNull();
        // systemd rates 0–10; below 2 is its best band ("OK").
        expect(Number(exposure![1])).toBeLessThan(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
