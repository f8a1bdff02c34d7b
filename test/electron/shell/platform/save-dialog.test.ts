import type { BrowserWindow, SaveDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createSaveFileDialog } from '../../../../electron/main/platform/save-dialog';

describe('save dialog', () => {
  it('asks for a .txt file in Documents, attached to the console window, and returns the chosen path', async () => {
    const asked: unknown[][] = [];
    const window = { id: 1 } as unknown as BrowserWindow;
    const dialog = createSaveFileDialog(
      {
        showSaveDialog: (async (...args: unknown[]) => {
          asked.push(args);
          return { canceled: false, filePath: '/home/ada/Documents/codes.txt' };
        }) as never,
      },
      () => window,
      '/home/ada/Documents',
    );
    const path = await dialog.chooseSavePath({
      title: 'Save backup codes',
      defaultFileName: 'securus-backup-codes.txt',
    });
    expect(path).toBe('/home/ada/Documents/codes.txt');
    const [parent, options] = asked[0] as [BrowserWindow, SaveDialogOptions];
    expect(parent).toBe(window);
    expect(options.title).toBe('Save backup codes');
    expect(options.defaultPath).toBe('/home/ada/Documents/securus-backup-codes.txt');
    expect(options.filters).toEqual([{ name: 'Text file', extensions: ['txt'] }]);
  });

  it('returns null when the person cancels, and works without a window', async () => {
    const asked: unknown[][] = [];
    const dialog = createSaveFileDialog(
      { showSaveDialog: (async (...args: unknown[]) => (asked.push(args), { canceled: true, filePath: '' })) as never },
      () => null,
      '/docs',
    );
    expect(await dialog.chooseSavePath({ title: 't', defaultFileName: 'f.txt' })).toBeNull();
    expect(asked[0]).toHaveLength(1);
  });
});
