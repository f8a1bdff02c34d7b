import type { IpcResponse } from '../../../shared/ipc/contract';

/** What Save did, in the supervisor's words: where the file is now, or that nothing was saved. */
export function saveStatusText(result: IpcResponse<'backup-codes:save'>): string {
  if (!result.saved) {
    return 'Not saved: the save dialog was cancelled.';
  }
  if (result.delivery === 'download') {
    return `Downloaded as ${result.fileName}. Your browser keeps it in its downloads folder.`;
  }
  return `Saved to ${result.filePath ?? result.fileName}.`;
}

/** What Print did. A browser's print dialog tells a page nothing, so the preview says only where the codes went. */
export function printStatusText(result: IpcResponse<'backup-codes:print'>): string {
  switch (result.outcome) {
    case 'sent':
      return 'Sent to the printer.';
    case 'cancelled':
      return 'Not printed: the print dialog was cancelled.';
    case 'browser_dialog':
      return 'Opened in your browser’s print dialog. If you printed them, collect the page from the printer.';
  }
}
