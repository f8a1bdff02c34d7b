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

describe('keytar loader', () => {
  it('loads the native keytar module installed with the console', () => {
    const keytar = loadKeytar();
    expect(keytar).not.toBeNull();
    expect(typeof keytar?.getPassword).toBe('function');
    expect(typeof keytar?.setPassword).toBe('function');
    expect(typeof keytar?.deletePassword).toBe('function');
  });
});
