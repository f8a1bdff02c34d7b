import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BACKUP_CODES_FILE_NAME,
  BACKUP_CODES_WARNING,
  backupCodesText,
  createBackupCodesExporter,
} from '../../../electron/main/services/backup-codes-export';
import { SecurusError } from '../../../shared/errors';

const CODES = ['K7QX92MFPAH3WZT', 'ABCDE-FGHJK-MNPQR'];
const DOCUMENT = { codes: CODES, accountLabel: 'Securus: alice' };
const CREATED = new Date('2026-03-04T05:06:07Z');
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'securus-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function exporter(
  savePath: string | null,
  printed: { title: string; text: string }[] = [],
  printAnswer = true,
  platform: { saveDelivery?: 'file' | 'download'; printDelivery?: 'printer' | 'browser_dialog' } = {},
) {
  const asked: string[] = [];
  const service = createBackupCodesExporter({
    saveDialog: {
      delivery: platform.saveDelivery,
      chooseSavePath: async ({ defaultFileName }) => {
        asked.push(defaultFileName);
        return savePath;
      },
    },
    printer: {
      delivery: platform.printDelivery,
      printText: async (options) => {
        printed.push(options);
        return printAnswer;
      },
    },
    now: () => CREATED,
  });
  return { service, asked };
}

describe('backupCodesText', () => {
  it('names the account and the date, carries the warning, and lists every code in groups', () => {
    const text = backupCodesText(DOCUMENT, CREATED);
    expect(text).toContain('Account: Securus: alice');
    expect(text).toContain('Created: 2026-03-04 05:06 UTC');
    expect(text).toContain(BACKUP_CODES_WARNING);
    expect(text).toContain(' 1. K7QX9-2MFPA-H3WZT');
    expect(text).toContain(' 2. ABCDE-FGHJK-MNPQR');
  });
});

describe('backup codes export', () => {
  it('writes the file the person chose, owner-only (0600)', async () => {
    const target = join(dir, 'codes.txt');
    const { service, asked } = exporter(target);
    expect(await service.save(DOCUMENT)).toEqual({
      saved: true,
      filePath: target,
      delivery: 'file',
      fileName: 'codes.txt',
    });
    expect(asked).toEqual([BACKUP_CODES_FILE_NAME]);
    expect(await readFile(target, 'utf8')).toBe(backupCodesText(DOCUMENT, CREATED));
    expect((await stat(target)).mode & 0o777).toBe(0o600);
  });

  it('narrows an existing, world-readable file to 0600 before writing the codes', async () => {
    const target = join(dir, 'existing.txt');
    await writeFile(target, 'old content that is longer than nothing', { mode: 0o644 });
    const { service } = exporter(target);
    await service.save(DOCUMENT);
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readFile(target, 'utf8')).toBe(backupCodesText(DOCUMENT, CREATED));
  });

  it('writes nothing when the person cancels the dialog', async () => {
    const { service } = exporter(null);
    expect(await service.save(DOCUMENT)).toEqual({
      saved: false,
      filePath: null,
      delivery: 'file',
      fileName: BACKUP_CODES_FILE_NAME,
    });
  });

  it('says a file handed on as a browser download (the preview) by the name the browser gives it', async () => {
    const target = join(dir, '0123456789abcdef-securus-backup-codes.txt');
    const { service } = exporter(target, [], true, { saveDelivery: 'download' });
    expect(await service.save(DOCUMENT)).toEqual({
      saved: true,
      filePath: target,
      delivery: 'download',
      fileName: BACKUP_CODES_FILE_NAME,
    });
  });

  it('names the place and the reason when the file cannot be written, and never the codes', async () => {
    const missing = join(dir, 'no such folder', 'codes.txt');
    const failure = await exporter(missing)
      .service.save(DOCUMENT)
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(failure).toBeInstanceOf(SecurusError);
    const info = (failure as SecurusError).info;
    expect(info.code).toBe('save_failed');
    expect(info.message).toBe(
      `The codes were not saved to ${missing}: that folder does not exist. Choose another folder, or print or copy ` +
        'the codes instead.',
    );
    expect(info.message).not.toContain('K7QX9');
  });

  it('prints the same text through the printer and reports a cancelled print', async () => {
    const printed: { title: string; text: string }[] = [];
    expect(await exporter(null, printed).service.print(DOCUMENT)).toEqual({ printed: true, outcome: 'sent' });
    expect(printed[0]?.text).toBe(backupCodesText(DOCUMENT, CREATED));
    expect(await exporter(null, printed, false).service.print(DOCUMENT)).toEqual({
      printed: false,
      outcome: 'cancelled',
    });
    // The preview hands the job to the browser's print dialog, which tells a page nothing more.
    expect(await exporter(null, printed, true, { printDelivery: 'browser_dialog' }).service.print(DOCUMENT)).toEqual({
      printed: true,
      outcome: 'browser_dialog',
    });
  });
});
