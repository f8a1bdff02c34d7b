import type { Kysely } from 'kysely';
import type { ServerConfig } from './config';
import type { Database, SecurusDatabase } from './db/database';
import type { BackgroundWork } from './domain/background';
import type { PasswordHasher } from './domain/passwords';
import type { SecretBox } from './domain/secret-box';
import type { Mailer } from './mail/mailer';
import type { ServerMetrics } from './metrics/server-metrics';

/** The server reads time only through this, so tests move a clock instead of waiting. Epoch milliseconds. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Structured log lines: fields only, never a request body. Fastify's logger fits this shape. */
export interface EventLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** Everything a domain operation uses, passed in so tests and the CLI build it from real parts. */
export interface ServerContext {
  config: ServerConfig;
  storage: SecurusDatabase;
  db: Kysely<Database>;
  clock: Clock;
  mailer: Mailer;
  secretBox: SecretBox;
  passwords: PasswordHasher;
  background: BackgroundWork;
  log: EventLog;
  /** Prometheus counters (server/metrics/); absent in the CLI, which serves none. */
  metrics?: ServerMetrics;
}
