import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createSecretStore,
  KeytarSecretStore,
  MEMORY_FALLBACK_NOTICE,
  MemorySecretStore,
} from '../../../electron/main/services/secret-store';
import { keyringAvailable, keyringRequired, keyringToolsAvailable, loadKeytar } from '../support/keyring';

const root = new URL('../../..', import.meta.url).pathname;
const probeScript = 'test/electron/support/probe-secret-store.ts';
const SERVICE = `Securus Console test ${process.pid}`;

describe('MemorySecretStore', () => {
  it('keeps, returns and forgets a secret', async () => {
    const store = new MemorySecretStore();
    expect(store.kind).toBe('memory');
    await store.set('session', 'token');
    expect(await store.get('session')).toBe('token');
    await store.delete('session');
    expect(await store.get('session')).toBeNull();
  });

  it('is what createSecretStore gives when keytar could not be loaded, saying so once', async () => {
    const notices: string[] = [];
    const store = await createSecretStore(null, { onFallback: (notice) => notices.push(notice) });
    expect(store.kind).toBe('memory');
    expect(notices).toEqual([MEMORY_FALLBACK_NOTICE]);
  });
});

describe.runIf(keyringAvailable || keyringRequired)('KeytarSecretStore against the real Secret Service', () => {
  it('stores, reads back and erases a secret in the keyring', async () => {
    const keytar = loadKeytar();
    const store = new KeytarSecretStore(keytar, SERVICE);
    await store.set('session', 'keychain-token');
    expect(await keytar.getPassword(SERVICE, 'session')).toBe('keychain-token');
    expect(await new KeytarSecretStore(keytar, SERVICE).get('session')).toBe('keychain-token');
    await store.delete('session');
    expect(await store.get('session')).toBeNull();
    await store.delete('session');
  });

  it('createSecretStore probes the unlocked keyring and keeps no probe item behind', async () => {
    const keytar = loadKeytar();
    const notices: string[] = [];
    const store = await createSecretStore(keytar, { service: SERVICE, onFallback: (notice) => notices.push(notice) });
    expect(store.kind).toBe('os');
    expect(notices).toEqual([]);
    expect(
      await (keytar as unknown as { findCredentials(s: string): Promise<unknown[]> }).findCredentials(SERVICE),
    ).toEqual([]);
  });
});

interface ProbeOutput {
  kind: string;
  notices: string[];
  readBack: string;
}

function runProbe(env: NodeJS.ProcessEnv, shell?: string): ProbeOutput {
  const command = `npx tsx ${probeScript}`;
  const output = shell
    ? execFileSync('dbus-run-session', ['--', 'sh', '-c', `${shell}; ${command}`], {
        cwd: root,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      })
    : execFileSync('sh', ['-c', command], { cwd: root, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return JSON.parse(output) as ProbeOutput;
}

describe.runIf(keyringToolsAvailable || keyringRequired)(
  'createSecretStore without a usable keychain (child processes)',
  () => {
    it('falls back to memory, once and with the reason, when there is no D-Bus session at all', () => {
      const env = { ...process.env };
      delete env.DBUS_SESSION_BUS_ADDRESS;
      delete env.DISPLAY;
      const result = runProbe(env);
      expect(result.kind).toBe('memory');
      expect(result.notices).toHaveLength(1);
      expect(result.notices[0]).toContain(MEMORY_FALLBACK_NOTICE);
      expect(result.notices[0]).toMatch(/D-Bus/);
      expect(result.readBack).toBe('secret-token');
    });

    it('falls back to memory when the keyring exists but is locked', () => {
      const dataHome = mkdtempSync(join(tmpdir(), 'securus-locked-keyring-'));
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: dataHome };
        delete env.DISPLAY;
        // First session creates the login keyring with a password; the second starts the daemon without unlocking it.
        execFileSync(
          'dbus-run-session',
          ['--', 'sh', '-c', 'echo -n pw | gnome-keyring-daemon --unlock --components=secrets'],
          { env, stdio: 'ignore' },
        );
        const result = runProbe(env, 'gnome-keyring-daemon --start --components=secrets >/dev/null');
        expect(result.kind).toBe('memory');
        expect(result.notices).toHaveLength(1);
        expect(result.notices[0]).toMatch(/locked/);
      } finally {
        rmSync(dataHome, { recursive: true, force: true });
      }
    });
  },
);
