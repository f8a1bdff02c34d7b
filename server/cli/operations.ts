import { loadServerConfig } from '../config';
import { backupSqlite } from '../db/backup';
import { restoreSqlite } from '../db/restore';
import { describeTables } from '../db/sqlite-file';
import { keyFilePath } from '../secret-key';
import { keyStatus, retireKey, rotateKeys } from './key-commands';

export const OPERATIONS_USAGE = `  npm run securus -- backup <file>   (SQLite: an online copy while the server runs)
  npm run securus -- restore <file>   (SQLite: the server must be stopped)
  npm run securus -- secret-key rotate [--batch-size <n>]   (a new current key; secrets sealed again under it)
  npm run securus -- secret-key status   (how many stored values need each key)
  npm run securus -- secret-key retire <key id>   (removes a key no value needs any more)`;

export interface OperationsOptions {
  batchSize?: string;
}

function batchSizeOf(option: string | undefined): number {
  if (option === undefined) {
    return 100;
  }
  const value = Number(option);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) {
    throw new Error('--batch-size must be a whole number from 1 to 10000.');
  }
  return value;
}

/**
 * `backup`, `restore` and `secret-key …`: the operator's commands of docs/operating-the-server.md. Null when `args`
 * is none of them.
 */
export async function runOperationsCommand(
  args: string[],
  options: OperationsOptions,
): Promise<{ output: string; exitCode: 0 | 1 } | null> {
  const [area, verb, extra] = args;
  if (area === 'backup' || area === 'restore') {
    if (!verb || args.length !== 2) {
      throw new Error(`${area} needs one file name: npm run securus -- ${area} <file>`);
    }
    const config = loadServerConfig();
    if (area === 'backup') {
      const report = await backupSqlite(config, verb);
      const lines = [
        `Backed up the database to ${report.file} (${report.bytes} bytes, schema ${report.migrations.at(-1) ?? 'empty'}).`,
        `Rows: ${describeTables(report.tables)}.`,
        `Its 2FA secrets open only with the secret key (${config.secretKeys ? 'SECURUS_SECRET_KEY' : keyFilePath(config)}): keep a copy of the key too, apart from the backups.`,
      ];
      return { output: lines.join('\n'), exitCode: 0 };
    }
    const report = restoreSqlite(config, verb);
    const lines = [
      `Restored ${verb} (schema ${report.migrations.at(-1) ?? 'empty'}).`,
      `Rows: ${describeTables(report.tables)}.`,
      report.previous ? `The database it replaced is kept as ${report.previous}.` : 'There was no database before.',
      report.pendingMigrations.length > 0
        ? `The server applies ${report.pendingMigrations.join(', ')} when it next starts.`
        : 'The schema is current.',
    ];
    return { output: lines.join('\n'), exitCode: 0 };
  }
  if (area !== 'secret-key') {
    return null;
  }
  const config = loadServerConfig();
  if (verb === 'rotate' && args.length === 2) {
    return rotateKeys(config, batchSizeOf(options.batchSize));
  }
  if (verb === 'status' && args.length === 2) {
    return keyStatus(config);
  }
  if (verb === 'retire' && extra && args.length === 3) {
    return retireKey(config, extra);
  }
  throw new Error(`unknown secret-key command.\n${OPERATIONS_USAGE}`);
}
