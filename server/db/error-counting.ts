import type { DatabaseConnection, Dialect, Driver } from 'kysely';

export type DatabaseErrorKind = 'constraint' | 'busy' | 'connection' | 'other';

/** Failed queries by kind, read by the metrics at scrape time. */
export type DatabaseErrorCounts = Map<DatabaseErrorKind, number>;

/** SQLite (better-sqlite3 SqliteError codes) and PostgreSQL (SQLSTATE classes) errors in four kinds. */
export function databaseErrorKind(error: unknown): DatabaseErrorKind {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code.startsWith('SQLITE_CONSTRAINT') || code.startsWith('23')) {
    return 'constraint';
  }
  if (/^SQLITE_(BUSY|LOCKED)/.test(code) || ['40001', '40P01', '55P03'].includes(code)) {
    return 'busy';
  }
  if (/^(08|57P)/.test(code) || /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT|HOSTUNREACH)$/.test(code)) {
    return 'connection';
  }
  return 'other';
}

/**
 * Wraps a dialect so every failed query on any of its connections is counted. Each connection's executeQuery is
 * wrapped once, in place, so the driver still gets back the very object it handed out (transactions key on it);
 * the cost on a query that succeeds is one extra await.
 */
export function countingErrors(dialect: Dialect, counts: DatabaseErrorCounts): Dialect {
  const wrapped = new WeakSet<DatabaseConnection>();
  const count = (error: unknown) => {
    const kind = databaseErrorKind(error);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  const watch = (connection: DatabaseConnection): DatabaseConnection => {
    if (!wrapped.has(connection)) {
      const execute = connection.executeQuery.bind(connection);
      connection.executeQuery = async (query) => {
        try {
          return await execute(query);
        } catch (error) {
          count(error);
          throw error;
        }
      };
      wrapped.add(connection);
    }
    return connection;
  };
  return {
    createAdapter: () => dialect.createAdapter(),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createDriver(): Driver {
      const driver = dialect.createDriver();
      // Delegation, not a prototype: the drivers keep their state in #private fields bound to the real object.
      return {
        init: () => driver.init(),
        acquireConnection: async () => watch(await driver.acquireConnection()),
        beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
        commitTransaction: (connection) => driver.commitTransaction(connection),
        rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
        savepoint: driver.savepoint?.bind(driver),
        rollbackToSavepoint: driver.rollbackToSavepoint?.bind(driver),
        releaseSavepoint: driver.releaseSavepoint?.bind(driver),
        releaseConnection: (connection) => driver.releaseConnection(connection),
        destroy: () => driver.destroy(),
      };
    },
  };
}
