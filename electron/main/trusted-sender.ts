import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * An IPC call is trusted only from the console window's own main frame showing the app's own origin (VS Code's
 * `validatedIpcMain`): not from a subframe, another web contents, or a frame that navigated elsewhere.
 */
export function isTrustedSender(event: SenderEvent, consoleContents: () => WebContents | null): boolean {
  const contents = consoleContents();
  const frame = event.senderFrame;
  if (contents === null || contents.isDestroyed() || frame === null || event.sender !== contents) {
    return false;
  }
  // Compare frame identities rather than wrapper objects, which Electron may recreate.
  const main = contents.mainFrame;
  const isMainFrame = frame.processId === main.processId && frame.routingId === main.routingId && frame.parent === null;
  return isMainFrame && isAppUrl(frame.url);
}
