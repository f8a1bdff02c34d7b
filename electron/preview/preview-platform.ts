import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ClipboardAccess, ExternalLinkOpener, SaveFileDialog, TextPrinter } from '../main/services/platform';

export interface PrintJob {
  title: string;
  text: string;
}

/**
 * The desktop interfaces for a browser. The main-process services run unchanged; what they hand the desktop is
 * kept here for the browser bridge to finish: a saved file becomes a download, a print job `window.print()`.
 */
export interface PreviewPlatform {
  saveDialog: SaveFileDialog;
  printer: TextPrinter;
  clipboard: ClipboardAccess;
  externalLinks: ExternalLinkOpener;
  downloadsDir: string;
  /** The last print job, for the bridge's print view. */
  lastPrintJob(): PrintJob | null;
}

export function createPreviewPlatform(downloadsDir: string): PreviewPlatform {
  let lastPrint: PrintJob | null = null;
  let clipboardText = '';
  return {
    downloadsDir,
    saveDialog: {
      delivery: 'download',
      async chooseSavePath({ defaultFileName }) {
        await mkdir(downloadsDir, { recursive: true, mode: 0o700 });
        // A fresh name per save: the browser download is fetched by this name, never by a path the page chose.
        return join(downloadsDir, `${randomBytes(8).toString('hex')}-${basename(defaultFileName)}`);
      },
    },
    printer: {
      // The bridge then opens the browser's print dialog, which tells a page nothing of what happened in it.
      delivery: 'browser_dialog',
      async printText(job) {
        lastPrint = job;
        await mkdir(downloadsDir, { recursive: true, mode: 0o700 });
        await writeFile(join(downloadsDir, 'last-print.txt'), job.text, { mode: 0o600 });
        return true;
      },
    },
    // The browser's clipboard is written by the bridge; this slot mirrors it so the 60-second clear can compare.
    clipboard: {
      readText: async () => clipboardText,
      writeText: async (text) => {
        clipboardText = text;
      },
    },
    externalLinks: { openExternal: async () => undefined },
    lastPrintJob: () => lastPrint,
  };
}
