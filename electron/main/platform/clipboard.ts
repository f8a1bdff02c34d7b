import type { Clipboard } from 'electron';
import type { ClipboardAccess } from '../services/platform';

/** The system clipboard, plain text only. */
export function createClipboardAccess(clipboard: Pick<Clipboard, 'readText' | 'writeText'>): ClipboardAccess {
  return {
    readText: () => clipboard.readText(),
    writeText: (text) => clipboard.writeText(text),
  };
}
