import type { BrowserWindow } from 'electron';
import { SecurusError } from '../../../shared/errors';
import type { TextPrinter } from '../services/platform';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** A static page holding only the escaped text: no script may run in it, and it loads nothing. */
export function printablePage(title: string, text: string): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font:12pt system-ui,sans-serif;margin:2cm}pre{font:14pt ui-monospace,monospace;white-space:pre-wrap}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1><pre>${escapeHtml(text)}</pre></body></html>`,
  ].join('');
}

/** Electron says "cancelled" or "Print job canceled" when the person closes the dialog: that is no failure. */
function isCancellation(failureReason: string): boolean {
  return /cancel/i.test(failureReason);
}

/** "Print job failed", "Invalid printer settings": the system's reason, passed on so the supervisor can act on it. */
function printFailure(failureReason: string): SecurusError {
  const reason = failureReason.trim().replace(/\.$/, '') || 'the printer did not accept the job';
  return new SecurusError('print_failed', {
    message: `The codes were not printed (${reason}). Check the printer, or save or copy the codes instead.`,
  });
}

/**
 * Prints through the system print dialog from a hidden, sandboxed window with JavaScript off, so the text never
 * passes through a file on disk or through the console's own page.
 */
export function createTextPrinter(openHiddenWindow: () => BrowserWindow): TextPrinter {
  return {
    async printText({ title, text }) {
      const window = openHiddenWindow();
      try {
        await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(printablePage(title, text))}`);
        return await new Promise<boolean>((resolve, reject) => {
          window.webContents.print({ silent: false, printBackground: false }, (success, failureReason) => {
            if (success || isCancellation(failureReason)) {
              resolve(success);
            } else {
              reject(printFailure(failureReason));
            }
          });
        });
      } finally {
        if (!window.isDestroyed()) {
          window.destroy();
        }
      }
    },
  };
}
