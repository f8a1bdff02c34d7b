import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDialectConfig } from 'kysely';
import pg from 'pg';
import { startCheckpointer, WRITER_CHECKPOINT_PAGES } from './checkpointer';
import type { Database, SecurusDatabase } from './database';
import { countingErrors, type DatabaseErrorCounts } from './error-counting';
import { NamingClient } from './named-statements';

export interface StorageOptions {
  dataDir: string;
  databaseUrl?: string;
  databaseSchema?: string;
}

export const SQLITE_FILE_NAME = 'securus.sqlite';

/** PostgreSQL int8 (oid 20) arrives as a string by default; every bigint here is an epoch-ms time, safe as number. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 20
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query afresh; the login path runs the same few statements over and over, so compiled
 * statements are kept (LRU, bounded) and reused. Parameters still bind per call.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): SqliteDialectConfig['database'] {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql);
      } else {
        statement = sqlite.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          cache.delete(cache.keys().next().value!);
        }
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

export function openDatabase(options: StorageOptions): SecurusDatabase {
  const errors: DatabaseErrorCounts = new Map();
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      Client: NamingClient,
      connectionString: options.databaseUrl,
      max: 10,
      types: pgTypes,
      ...(options.databaseSchema ? { options: `-c search_path=${options.databaseSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: countingErrors(new PostgresDialect({ pool }), errors) });
    return { db, dialect: 'postgres', close: () => db.destroy(), errors };
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = join(options.dataDir, SQLITE_FILE_NAME);
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  // WAL + NORMAL: commits are atomic and survive a process crash; only an OS crash or power loss can drop the last
  // few. FULL would fsync every login attempt's writes and cut throughput a hundredfold.
  sqlite.pragma('synchronous = NORMAL');
  // Two server instances may share the file; wait for the other's write instead of failing with SQLITE_BUSY.
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  const checkpointer = startCheckpointer(file);
  const dialect = countingErrors(new SqliteDialect({ database: withStatementCache(sqlite) }), errors);
  const db = new Kysely<Database>({ dialect });
  const close = async () => {
    await checkpointer.stop();
    await db.destroy();
  };
  return { db, dialect: 'sqlite', close, errors };
}
