import { PostgresAdapter, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';
import type { Database } from './database';
import { nameStatement } from './named-statements';

/** Stands for a named parameter while the query is built once; never reaches the database. */
class Placeholder {
  constructor(readonly name: string) {}
}

type Placeholders<P extends string> = { readonly [K in P]: never };

/**
 * Kysely builds and compiles a query tree on every call; on the login path that cost more than running the SQL.
 * A prepared query is built once per dialect with named placeholders where the values go, and each call
 * runs the same SQL text with fresh values (still bound parameters: nothing is spliced into the SQL).
 * `never`-typed placeholders fit any column, so the builder still checks table and column names.
 */
export function preparedQuery<P extends string, Row>(
  names: readonly P[],
  build: (db: Kysely<Database>, values: Placeholders<P>) => Compilable<Row>,
): (db: Kysely<Database>, values: Record<P, unknown>) => Promise<QueryResult<Row>> {
  // One entry per dialect adapter (SQLite and PostgreSQL compile differently); transaction and connection handles
  // share their database's adapter, so they reuse its entry.
  const compiled = new WeakMap<object, { query: CompiledQuery<Row>; slots: Array<Placeholder | unknown> }>();
  const placeholders = Object.fromEntries(names.map((name) => [name, new Placeholder(name)])) as Placeholders<P>;
  return (db, values) => {
    const { adapter } = db.getExecutor();
    let entry = compiled.get(adapter);
    if (!entry) {
      const query = build(db, placeholders).compile();
      entry = { query, slots: [...query.parameters] };
      compiled.set(adapter, entry);
      if (adapter instanceof PostgresAdapter) {
        nameStatement(query.sql);
      }
    }
    const parameters = entry.slots.map((slot) => (slot instanceof Placeholder ? values[slot.name as P] : slot));
    return db.executeQuery<Row>({ ...entry.query, parameters });
  };
}
