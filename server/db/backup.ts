import { chmodSync, closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { ServerConfig } from '../config';
import { SQLITE_FILE_NAME } from './connect';
import { inspectSqlite, type SqliteFileReport } from './sqlite-file';

export interface BackupReport extends SqliteFileReport {
  file: string;
  bytes: number;
}

export const PG_DUMP_HINT =
  'With PostgreSQL (DATABASE_URL) use pg_dump and pg_restore, and keep SECURUS_SECRET_KEY with the dump: see docs/operating-the-server.md.';

/** Where the running server keeps its SQLite database, refusing PostgreSQL and a data directory without one. */
export function liveSqliteFile(config: ServerConfig): string {
  if (config.databaseUrl) {
    throw new Error(`backup and restore copy the SQLite database. ${PG_DUMP_HINT}`);
  }
  return join(config.dataDir, SQLITE_FILE_NAME);
}

/** Flushes a file to disk before it is renamed into place, so a crash leaves the old name or a whole file. */
export function syncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * A consistent copy of the live SQLite database, taken while servers use it, through SQLite's online backup API
 * (not a file copy, which can catch a page half-written or miss what sits in the WAL). All pages go in one step:
 * one read snapshot, which in WAL mode never blocks the servers' writes. The copy is then made self-contained
 * (rollback journal, no -wal beside it), checked, flushed, and renamed into place, mode 0600: it holds sealed
 * secrets and code hashes.
 */
export async function backupSqlite(config: ServerConfig, destination: string): Promise<BackupReport> {
  const source = liveSqliteFile(config);
  const file = resolve(destination);
  if (!existsSync(source)) {
    throw new Error(`there is no database to back up at ${source} (SECURUS_DATA_DIR).`);
  }
  if (existsSync(file)) {
    throw new Error(`${file} already exists: choose a new file name (backups are never overwritten).`);
  }
  if (!existsSync(dirname(file))) {
    throw new Error(`the folder ${dirname(file)} does not exist.`);
  }
  const staging = `${file}.partial-${process.pid}`;
  const live = new SqliteDatabase(source, { fileMustExist: true });
  try {
    live.pragma('busy_timeout = 5000');
    await live.backup(staging, { progress: () => 0x7fffffff });
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  } finally {
    live.close();
  }
  let report: SqliteFileReport;
  try {
    const copy = new SqliteDatabase(staging, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      report = inspectSqlite(copy, 'the copy');
    } finally {
      copy.close();
    }
    chmodSync(staging, 0o600);
    syncFile(staging);
    renameSync(staging, file);
  } catch (error) {
    rmSync(staging, { force: true });
    throw error;
  }
  return { ...report, file, bytes: statSync(file).size };
}
