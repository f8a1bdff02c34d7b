import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The database `scripts/ensure-postgres.sh` creates for the tests; the bench tries it when nothing else is named. */
const LOCAL_TEST_DATABASE = 'postgres://securus:securus@127.0.0.1:5432/securus_test';

export interface BenchPostgres {
  url: string;
  /** A schema of its own, dropped by `drop`: the bench never touches the database's other tables. */
  schema: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * BENCH_DATABASE_URL, else SECURUS_TEST_DATABASE_URL, else the local test database; `BENCH_POSTGRES=off` skips.
 * Null with the reason when none answers, so the SQLite figures still print.
 */
export async function openBenchPostgres(): Promise<BenchPostgres | { skipped: string }> {
  if (process.env.BENCH_POSTGRES === 'off') {
    return { skipped: 'BENCH_POSTGRES=off' };
  }
  const url = process.env.BENCH_DATABASE_URL || process.env.SECURUS_TEST_DATABASE_URL || LOCAL_TEST_DATABASE;
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  try {
    await withClient(url, (client) => client.query(`CREATE SCHEMA ${schema}`));
  } catch (error) {
    const where = new URL(url);
    return {
      skipped:
        `no PostgreSQL answered at ${where.host}${where.pathname} (${(error as Error).message}); ` +
        'start one with `sudo bash scripts/ensure-postgres.sh` or name one with BENCH_DATABASE_URL',
    };
  }
  return {
    url,
    schema,
    drop: () => withClient(url, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => undefined),
  };
}
