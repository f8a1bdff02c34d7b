import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatBackupCode, normalizeBackupCode } from '../../../shared/codes';
import { SecurusError } from '../../../shared/errors';
import type { SaveFileDialog, TextPrinter } from './platform';

export interface BackupCodesDocument {
  codes: readonly string[];
  /** "Securus: alice", as the authenticator app shows the account. */
  accountLabel: string;
}

export const BACKUP_CODES_WARNING =
  'Keep these codes private, like a password. Each code signs you in once when your authenticator app is not ' +
  'available. Anyone with these codes and your password can sign in as you. Generating new codes makes these ' +
  'stop working.';

/** The text saved and printed: who the codes are for, when they were made, the warning, then the codes. */
export function backupCodesText(document: BackupCodesDocument, createdAt: Date): string {
  const lines = [
    'Securus Console — backup codes',
    '',
    `Account: ${document.accountLabel}`,
    `Created: ${createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    BACKUP_CODES_WARNING,
    '',
    ...document.codes.map((code, index) => `${String(index + 1).padStart(2, ' ')}. ${displayCode(code)}`),
    '',
  ];
  return lines.join('\n');
}

function displayCode(code: string): string {
  const canonical = normalizeBackupCode(code);
  return canonical === null ? code : formatBackupCode(canonical);
}

export const BACKUP_CODES_FILE_NAME = 'securus-backup-codes.txt';

/** What Save did, for the supervisor to be told: where the file is, or that nothing was saved. */
export interface SaveOutcome {
  saved: boolean;
  filePath: string | null;
  delivery: 'file' | 'download';
  fileName: string;
}

/** What Print did: sent, cancelled, or handed to a browser's print dialog (the preview). */
export interface PrintOutcome {
  printed: boolean;
  outcome: 'sent' | 'cancelled' | 'browser_dialog';
}

export interface BackupCodesExporter {
  save(document: BackupCodesDocument): Promise<SaveOutcome>;
  print(document: BackupCodesDocument): Promise<PrintOutcome>;
}

const WRITE_FAILURES: Record<string, string> = {
  EACCES: 'you may not write to that folder',
  EPERM: 'you may not write to that folder',
  EROFS: 'that disk is read-only',
  ENOSPC: 'the disk is full',
  ENOENT: 'that folder does not exist',
  EISDIR: 'a folder has that name',
};

/** `save_failed` naming the place and the reason in people's words; the codes themselves never go in a message. */
function saveFailure(filePath: string, delivery: SaveOutcome['delivery'], error: unknown): SecurusError {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  const reason = WRITE_FAILURES[code] ?? 'the file could not be written';
  const where = delivery === 'file' ? ` to ${filePath}` : '';
  return new SecurusError('save_failed', {
    message: `The codes were not saved${where}: ${reason}. Choose another folder, or print or copy the codes instead.`,
  });
}

export function createBackupCodesExporter(deps: {
  saveDialog: SaveFileDialog;
  printer: TextPrinter;
  now?: () => Date;
}): BackupCodesExporter {
  const now = deps.now ?? (() => new Date());
  return {
    async save(document) {
      const delivery = deps.saveDialog.delivery ?? 'file';
      const filePath = await deps.saveDialog.chooseSavePath({
        title: 'Save backup codes',
        defaultFileName: BACKUP_CODES_FILE_NAME,
      });
      if (filePath === null) {
        return { saved: false, filePath: null, delivery, fileName: BACKUP_CODES_FILE_NAME };
      }
      try {
        await writePrivateFile(filePath, backupCodesText(document, now()));
      } catch (error) {
        throw saveFailure(filePath, delivery, error);
      }
      // A download keeps the product's name; the preview's folder only gives it a unique prefix.
      return {
        saved: true,
        filePath,
        delivery,
        fileName: delivery === 'file' ? basename(filePath) : BACKUP_CODES_FILE_NAME,
      };
    },
    async print(document) {
      const printed = await deps.printer.printText({
        title: 'Securus backup codes',
        text: backupCodesText(document, now()),
      });
      const sent = deps.printer.delivery === 'browser_dialog' ? 'browser_dialog' : 'sent';
      return { printed, outcome: printed ? sent : 'cancelled' };
    },
  };
}

/**
 * Owner-only (0600) from the first byte: `mode` applies only when the file is created, so an existing file is
 * narrowed with chmod before the codes are written into it.
 */
export async function writePrivateFile(filePath: string, text: string): Promise<void> {
  const handle = await open(filePath, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
}
