import type { BrowserWindow, WebContentsPrintOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { createTextPrinter, printablePage } from '../../../../electron/main/platform/printer';
import { SecurusError } from '../../../../shared/errors';

function fakePrintWindow(outcome: { success: boolean; failureReason: string }) {
  const state = { loaded: '', printOptions: undefined as WebContentsPrintOptions | undefined, destroyed: false };
  const window = {
    loadURL: async (url: string) => void (state.loaded = url),
    isDestroyed: () => state.destroyed,
    destroy: () => void (state.destroyed = true),
    webContents: {
      print: (options: WebContentsPrintOptions, callback: (success: boolean, reason: string) => void) => {
        state.printOptions = options;
        callback(outcome.success, outcome.failureReason);
      },
    },
  };
  return { window: window as unknown as BrowserWindow, state };
}

describe('text printer', () => {
  it('prints the escaped text through the system dialog and closes its window', async () => {
    const { window, state } = fakePrintWindow({ success: true, failureReason: '' });
    const printed = await createTextPrinter(() => window).printText({
      title: 'Backup codes',
      text: 'ABCD-EFGH\n<b>x</b>',
    });
    expect(printed).toBe(true);
    expect(state.printOptions?.silent).toBe(false);
    const page = decodeURIComponent(state.loaded.replace('data:text/html;charset=utf-8,', ''));
    expect(page).toContain('<pre>ABCD-EFGH\n&lt;b&gt;x&lt;/b&gt;</pre>');
    expect(page).toContain("default-src 'none'");
    expect(state.destroyed).toBe(true);
  });

  it.each(['cancelled', 'Print job canceled'])(
    'reports a cancelled print (%s) as false and still closes the window',
    async (failureReason) => {
      const { window, state } = fakePrintWindow({ success: false, failureReason });
      expect(await createTextPrinter(() => window).printText({ title: 't', text: 'x' })).toBe(false);
      expect(state.destroyed).toBe(true);
    },
  );

  it('reports a failed print as print_failed with the system’s reason, and still closes the window', async () => {
    const { window, state } = fakePrintWindow({ success: false, failureReason: 'Invalid printer settings' });
    const failure = await createTextPrinter(() => window)
      .printText({ title: 't', text: 'x' })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SecurusError);
    expect((failure as SecurusError).info).toMatchObject({
      code: 'print_failed',
      message:
        'The codes were not printed (Invalid printer settings). Check the printer, or save or copy the codes instead.',
    });
    expect(state.destroyed).toBe(true);
  });

  it('escapes markup in the title and the text', () => {
    const page = printablePage('<script>alert(1)</script>', `"'&<img src=x onerror=alert(1)>`);
    expect(page).not.toMatch(/<script>|<img/);
    expect(page).toContain('&quot;&#39;&amp;&lt;img');
  });
});
