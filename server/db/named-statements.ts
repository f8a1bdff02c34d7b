import pg from 'pg';

/** SQL text of the prepared queries (prepared.ts) → the name PostgreSQL keeps its parsed statement under. */
const statementNames = new Map<string, string>();

/** Called once per prepared query when it is first compiled for PostgreSQL. */
export function nameStatement(sql: string): void {
  if (!statementNames.has(sql)) {
    statementNames.set(sql, `securus_${statementNames.size + 1}`);
  }
}

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it again on every call: on the sign-in path that
 * was most of its CPU per answer. This client names the queries prepared.ts builds once (the hot ones); each
 * connection then parses each of them once and binds fresh values on every call. Other queries go as they came.
 */
export class NamingClient extends pg.Client {
  // pg's overloads cannot be re-declared one by one here; the call is passed on unchanged but for the name.
  override query(...args: unknown[]): never {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? statementNames.get(text) : undefined;
    const call = super.query as (...callArgs: unknown[]) => never;
    return name ? call.call(this, { name, text, values }) : call.apply(this, args);
  }
}
