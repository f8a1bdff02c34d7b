import { closeSync, openSync, readSync } from 'node:fs';
import type SqliteDatabase from 'better-sqlite3';
import { sealedKeyId } from '../domain/secret-box';
import { knownMigrationNames } from './migrate';

/** What a backup or restore tells about one SQLite file: its schema, its rows, and the keys its secrets need. */
export interface SqliteFileReport {
  migrations: string[];
  /** Rows per table, tables in name order. */
  tables: Record<string, number>;
  /** Key ids that sealed TOTP secrets or hashed unused backup codes in this file, with one sealed value each. */
  keys: Map<string, { sealedSample: string | null }>;
}

export class NotRestorableError extends Error {
  override name = 'NotRestorableError';
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const SECURUS_TABLES = ['kysely_migration', 'users', 'two_factor', 'backup_codes', 'security_events'];

/** Refuses at once a file that is not SQLite at all (a tarball, a pg_dump, an empty file). */
export function assertSqliteHeader(file: string): void {
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_MAGIC) {
    throw new NotRestorableError(`${file} is not an SQLite database, so not a Securus backup.`);
  }
}

/**
 * Reads an open SQLite file's schema and contents, and refuses one that is damaged, is not a Securus database, or
 * was written by a newer Securus (a migration this build does not know: its tables may mean something else).
 */
export function inspectSqlite(db: SqliteDatabase.Database, label: string): SqliteFileReport {
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') {
    throw new NotRestorableError(`${label} is damaged (integrity_check: ${String(integrity)}).`);
  }
  const tableNames = (
    db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
      .all() as {
      name: string;
    }[]
  ).map((row) => row.name);
  const missing = SECURUS_TABLES.filter((name) => !tableNames.includes(name));
  if (missing.length > 0) {
    throw new NotRestorableError(`${label} is not a Securus database (no ${missing.join(', ')} table).`);
  }
  const migrations = (db.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map(
    (row) => row.name,
  );
  const known = new Set(knownMigrationNames());
  const newer = migrations.filter((name) => !known.has(name));
  if (newer.length > 0) {
    throw new NotRestorableError(
      `${label} comes from a newer Securus (migrations ${newer.join(', ')} are unknown to this build): restore it with that version or a later one.`,
    );
  }
  const tables: Record<string, number> = {};
  for (const name of tableNames) {
    tables[name] = (db.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n;
  }
  return { migrations, tables, keys: keysUsed(db) };
}

function keysUsed(db: SqliteDatabase.Database): SqliteFileReport['keys'] {
  const keys: SqliteFileReport['keys'] = new Map();
  const sealed = db
    .prepare('select secret_sealed as s from two_factor union all select secret_sealed from enrollments')
    .pluck()
    .all() as string[];
  for (const value of sealed) {
    const id = sealedKeyId(value) ?? '(unreadable)';
    if (!keys.has(id)) {
      keys.set(id, { sealedSample: value });
    }
  }
  const codeKeys = db
    .prepare('select distinct key_id from backup_codes where used_at is null')
    .pluck()
    .all() as string[];
  for (const id of codeKeys) {
    if (!keys.has(id)) {
      keys.set(id, { sealedSample: null });
    }
  }
  return keys;
}

export function describeTables(tables: Record<string, number>): string {
  return Object.entries(tables)
    .filter(([name]) => !name.startsWith('kysely_'))
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
}
