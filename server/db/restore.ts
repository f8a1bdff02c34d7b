import { chmodSync, copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import type { ServerConfig } from '../config';
import { SecretBox } from '../domain/secret-box';
import { keyFilePath, readSecretKeys } from '../secret-key';
import { liveSqliteFile, syncFile } from './backup';
import { knownMigrationNames } from './migrate';
import { NotRestorableError, assertSqliteHeader, inspectSqlite, type SqliteFileReport } from './sqlite-file';

export interface RestoreReport extends SqliteFileReport {
  /** Where the database that was replaced now is; null when there was none. */
  previous: string | null;
  /** Migrations the server applies at its next start (the backup predates them). */
  pendingMigrations: string[];
}

/**
 * The backup's secrets must open with this server's keys (SECURUS_SECRET_KEY or the data directory's key file):
 * a database restored without its key would refuse every 2FA sign-in. Each key id is tried on a real value.
 */
function assertKeysFit(config: ServerConfig, report: SqliteFileReport): void {
  if (report.keys.size === 0) {
    return;
  }
  const keys = readSecretKeys(config);
  if (!keys) {
    throw new NotRestorableError(
      `the backup's 2FA secrets need their secret key, and there is none in ${keyFilePath(config)}: put the secret.key kept with this backup there (or set SECURUS_SECRET_KEY) first.`,
    );
  }
  const box = new SecretBox(keys);
  const missing = [...report.keys.keys()].filter((id) => !box.keyIds.includes(id));
  if (missing.length > 0) {
    throw new NotRestorableError(
      `the backup needs the secret key(s) ${missing.join(', ')}, which this server does not have (it has ${box.keyIds.join(', ')}): restore the key file or SECURUS_PREVIOUS_SECRET_KEYS that belongs with this backup first.`,
    );
  }
  for (const [id, { sealedSample }] of report.keys) {
    try {
      if (sealedSample) {
        box.open(sealedSample);
      }
    } catch {
      throw new NotRestorableError(
        `the secret key ${id} of this server does not open the backup's secrets: it is another key with the same id.`,
      );
    }
  }
}

/** Proves no server has the live database open: leaving WAL mode needs the only connection (else SQLITE_BUSY). */
function assertNotInUse(live: string): void {
  if (!existsSync(live)) {
    return;
  }
  const db = new SqliteDatabase(live, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('journal_mode = DELETE');
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new NotRestorableError(
        `the database ${live} is in use: stop every Securus server using it (systemctl stop securus-server) and run restore again.`,
      );
    }
    throw error;
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of a stopped server's SQLite database. The backup file itself is only read: a copy is
 * checked (SQLite, Securus, not from a newer build, intact, its keys present), then renamed over the database;
 * the replaced database is kept beside it as `securus.sqlite.before-restore-<time>`.
 */
export function restoreSqlite(config: ServerConfig, backupFile: string, nowMs = Date.now()): RestoreReport {
  const live = liveSqliteFile(config);
  const file = resolve(backupFile);
  if (!existsSync(file)) {
    throw new NotRestorableError(`${file} does not exist.`);
  }
  assertSqliteHeader(file);
  assertNotInUse(live);
  const staging = `${live}.restoring-${process.pid}`;
  try {
    copyFileSync(file, staging);
    chmodSync(staging, 0o600);
    const copy = new SqliteDatabase(staging, { fileMustExist: true });
    let report: SqliteFileReport;
    try {
      copy.pragma('journal_mode = DELETE');
      report = inspectSqlite(copy, file);
    } finally {
      copy.close();
    }
    assertKeysFit(config, report);
    syncFile(staging);
    let previous: string | null = null;
    if (existsSync(live)) {
      previous = `${live}.before-restore-${new Date(nowMs).toISOString().replace(/[:.]/g, '-')}`;
      renameSync(live, previous);
    }
    renameSync(staging, live);
    const restored = new Set(report.migrations);
    return { ...report, previous, pendingMigrations: knownMigrationNames().filter((name) => !restored.has(name)) };
  } finally {
    rmSync(staging, { force: true });
  }
}
