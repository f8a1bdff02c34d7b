import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './database';

/** Stands for a named parameter while the query is built once; never reaches the database. */
class Placeholder {
  constructor(readonly name: string) {}
}

type Placeholders<P extends string> = { readonly [K in P]: never };

/**
 * Kysely builds and compiles a query tree on every call; on the login path that cost more than running the SQL.
 * A prepared query is built once per database handle with named placeholders where the values go, and each call
 * runs the same SQL text with fresh values (still bound parameters: nothing is spliced into the SQL).
 * `never`-typed placeholders fit any column, so the builder still checks table and column names.
 */
export function preparedQuery<P extends string, Row>(
  names: readonly P[],
  build: (db: Kysely<Database>, values: Placeholders<P>) => Compilable<Row>,
): (db: Kysely<Database>, values: Record<P, unknown>) => Promise<QueryResult<Row>> {
  // One entry per database handle (SQLite and PostgreSQL compile differently); a transaction handle compiles anew.
  const compiled = new WeakMap<Kysely<Database>, { query: CompiledQuery<Row>; slots: Array<Placeholder | unknown> }>();
  const placeholders = Object.fromEntries(names.map((name) => [name, new Placeholder(name)])) as Placeholders<P>;
  return (db, values) => {
    let entry = compiled.get(db);
    if (!entry) {
      const query = build(db, placeholders).compile();
      entry = { query, slots: [...query.parameters] };
      compiled.set(db, entry);
    }
    const parameters = entry.slots.map((slot) => (slot instanceof Placeholder ? values[slot.name as P] : slot));
    return db.executeQuery<Row>({ ...entry.query, parameters });
  };
}
