import type { ClipboardAccess } from './platform';

export const SENSITIVE_CLIPBOARD_SECONDS = 60;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SensitiveClipboard {
  copy(request: { text: string; sensitive: boolean }): Promise<{ clearsAfterSeconds: number | null }>;
  /** Cancels pending clears (on quit). */
  dispose(): void;
}

/**
 * Copies text; sensitive text (backup codes, a setup key) is cleared after 60 s — but only if the clipboard still
 * holds it, so whatever the person copied since is left alone.
 */
export function createSensitiveClipboard(clipboard: ClipboardAccess, timers: Timers = realTimers): SensitiveClipboard {
  const pending = new Set<unknown>();
  return {
    async copy({ text, sensitive }) {
      await clipboard.writeText(text);
      if (!sensitive) {
        return { clearsAfterSeconds: null };
      }
      const handle = timers.setTimeout(() => {
        pending.delete(handle);
        void clearIfUnchanged(clipboard, text);
      }, SENSITIVE_CLIPBOARD_SECONDS * 1000);
      pending.add(handle);
      return { clearsAfterSeconds: SENSITIVE_CLIPBOARD_SECONDS };
    },
    dispose() {
      for (const handle of pending) {
        timers.clearTimeout(handle);
      }
      pending.clear();
    },
  };
}

async function clearIfUnchanged(clipboard: ClipboardAccess, text: string): Promise<void> {
  try {
    if ((await clipboard.readText()) === text) {
      await clipboard.writeText('');
    }
  } catch {
    // A clipboard that cannot be read now is left as it is; there is nobody to tell at this point.
  }
}
