import { open } from 'node:fs/promises';
import { formatBackupCode, normalizeBackupCode } from '../../../shared/codes';
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

export interface BackupCodesExporter {
  save(document: BackupCodesDocument): Promise<{ saved: boolean; filePath: string | null }>;
  print(document: BackupCodesDocument): Promise<{ printed: boolean }>;
}

export function createBackupCodesExporter(deps: {
  saveDialog: SaveFileDialog;
  printer: TextPrinter;
  now?: () => Date;
}): BackupCodesExporter {
  const now = deps.now ?? (() => new Date());
  return {
    async save(document) {
      const filePath = await deps.saveDialog.chooseSavePath({
        title: 'Save backup codes',
        defaultFileName: BACKUP_CODES_FILE_NAME,
      });
      if (filePath === null) {
        return { saved: false, filePath: null };
      }
      await writePrivateFile(filePath, backupCodesText(document, now()));
      return { saved: true, filePath };
    },
    async print(document) {
      const printed = await deps.printer.printText({
        title: 'Securus backup codes',
        text: backupCodesText(document, now()),
      });
      return { printed };
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
