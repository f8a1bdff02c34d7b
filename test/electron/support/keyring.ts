import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import type { KeytarApi } from '../../../electron/main/services/secret-store';

/**
 * `npm test` runs vitest inside a D-Bus session with an unlocked gnome-keyring and sets SECURUS_TEST_KEYRING.
 * Elsewhere the keychain tests skip — unless SECURUS_REQUIRE_KEYRING=1 (CI), where they must run.
 */
export const keyringAvailable = Boolean(process.env.SECURUS_TEST_KEYRING);
export const keyringRequired = process.env.SECURUS_REQUIRE_KEYRING === '1';
export const keyringToolsAvailable =
  spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'], { stdio: 'ignore' })
    .status === 0;

export function loadKeytar(): KeytarApi {
  return createRequire(import.meta.url)('keytar') as KeytarApi;
}
