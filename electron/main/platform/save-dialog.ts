import { join } from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import type { SaveFileDialog } from '../services/platform';

/** The native save dialog, attached to the console window, suggesting a .txt file in the Documents folder. */
export function createSaveFileDialog(
  dialog: Pick<Dialog, 'showSaveDialog'>,
  parentWindow: () => BrowserWindow | null,
  documentsDir: string,
): SaveFileDialog {
  return {
    async chooseSavePath({ title, defaultFileName }) {
      const options = {
        title,
        defaultPath: join(documentsDir, defaultFileName),
        filters: [{ name: 'Text file', extensions: ['txt'] }],
        properties: ['createDirectory', 'showOverwriteConfirmation'] as (
          'createDirectory' | 'showOverwriteConfirmation'
        )[],
      };
      const parent = parentWindow();
      const result =
        parent === null ? await dialog.showSaveDialog(options) : await dialog.showSaveDialog(parent, options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
