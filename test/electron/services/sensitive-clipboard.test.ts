import { describe, expect, it } from 'vitest';
import type { ClipboardAccess } from '../../../electron/main/services/platform';
import { createSensitiveClipboard, type Timers } from '../../../electron/main/services/sensitive-clipboard';

/** The clipboard is a desktop interface (platform.ts); this one is a plain in-memory text slot. */
function memoryClipboard(): ClipboardAccess & { text: string } {
  const clipboard = {
    text: '',
    readText: async () => clipboard.text,
    writeText: async (text: string) => {
      clipboard.text = text;
    },
  };
  return clipboard;
}

/** An injected timer the test advances by hand. */
function manualTimers() {
  let now = 0;
  const scheduled = new Map<number, { at: number; callback: () => void }>();
  let nextId = 1;
  const timers: Timers = {
    setTimeout: (callback, ms) => {
      const id = nextId++;
      scheduled.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout: (handle) => scheduled.delete(handle as number),
  };
  async function advance(ms: number) {
    now += ms;
    for (const [id, entry] of [...scheduled]) {
      if (entry.at <= now) {
        scheduled.delete(id);
        entry.callback();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { timers, advance, pending: () => scheduled.size };
}

describe('sensitive clipboard', () => {
  it('clears sensitive text after 60 s, not before', async () => {
    const clipboard = memoryClipboard();
    const { timers, advance } = manualTimers();
    const service = createSensitiveClipboard(clipboard, timers);
    expect(await service.copy({ text: 'K7QX9-2MFPA-H3WZT', sensitive: true })).toEqual({ clearsAfterSeconds: 60 });
    expect(clipboard.text).toBe('K7QX9-2MFPA-H3WZT');
    await advance(59_999);
    expect(clipboard.text).toBe('K7QX9-2MFPA-H3WZT');
    await advance(1);
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the person copied something else meanwhile', async () => {
    const clipboard = memoryClipboard();
    const { timers, advance } = manualTimers();
    const service = createSensitiveClipboard(clipboard, timers);
    await service.copy({ text: 'codes', sensitive: true });
    clipboard.text = 'a shopping list';
    await advance(60_000);
    expect(clipboard.text).toBe('a shopping list');
  });

  it('never clears text that is not sensitive', async () => {
    const clipboard = memoryClipboard();
    const { timers, advance, pending } = manualTimers();
    const service = createSensitiveClipboard(clipboard, timers);
    expect(await service.copy({ text: 'alice', sensitive: false })).toEqual({ clearsAfterSeconds: null });
    expect(pending()).toBe(0);
    await advance(120_000);
    expect(clipboard.text).toBe('alice');
  });

  it('cancels pending clears on dispose', async () => {
    const clipboard = memoryClipboard();
    const { timers, pending } = manualTimers();
    const service = createSensitiveClipboard(clipboard, timers);
    await service.copy({ text: 'codes', sensitive: true });
    service.dispose();
    expect(pending()).toBe(0);
  });
});
