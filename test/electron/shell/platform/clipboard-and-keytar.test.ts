import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createClipboardAccess } from '../../../../electron/main/platform/clipboard';
import { loadKeytar } from '../../../../electron/main/platform/keytar';

describe('clipboard adapter', () => {
  it("reads and writes through Electron's asynchronous clipboard", async () => {
    let held = '';
    const access = createClipboardAccess({
      readText: async () => held,
      writeText: async (text: string) => void (held = text),
    });
    await access.writeText('ABCD-EFGH');
    expect(await access.readText()).toBe('ABCD-EFGH');
  });
});

// keytar is optional: `npm ci` leaves it out where libsecret-1-dev is missing. CI installs it and must load it.
const keytarInstalled = existsSync(new URL('../../../../node_modules/keytar/package.json', import.meta.url));

describe('keytar loader', () => {
  it.skipIf(!keytarInstalled && process.env.SECURUS_REQUIRE_KEYRING !== '1')(
    'loads the native keytar module installed with the console (skipped: keytar is not installed here)',
    () => {
      const keytar = loadKeytar();
      expect(keytar).not.toBeNull();
      expect(typeof keytar?.getPassword).toBe('function');
      expect(typeof keytar?.setPassword).toBe('function');
      expect(typeof keytar?.deletePassword).toBe('function');
    },
  );

  it('answers null, not an exception, where keytar cannot be found', () => {
    const dir = mkdtempSync(join(tmpdir(), 'securus-no-keytar-'));
    try {
      expect(loadKeytar(pathToFileURL(join(dir, 'index.js')))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
