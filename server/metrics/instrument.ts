import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import type { RouteHandlers } from '../app/route-kit';
import { signInOutcome, type SignInStep } from './labels';
import { LOW_BACKUP_CODES, ServerMetrics } from './server-metrics';

/** The metrics of one app, reading the hashing queue, the storage's error counts and the database at scrape time. */
export function createServerMetrics(
  ctx: Pick<ServerContext, 'passwords' | 'storage'>,
  tlsNotAfter: number | null,
): ServerMetrics {
  return new ServerMetrics({
    hashing: () => ctx.passwords.load,
    databaseErrors: () => ctx.storage.errors ?? new Map(),
    accountsLowOnBackupCodes: async () => {
      const { rows } = await sql<{ count: number | string }>`
        select count(*) as count from two_factor
        where (select count(*) from backup_codes
               where backup_codes.user_id = two_factor.user_id
                 and backup_codes.enrollment_id is null and backup_codes.used_at is null) <= ${LOW_BACKUP_CODES}
      `.execute(ctx.storage.db);
      return Number(rows[0]?.count ?? 0);
    },
    tlsNotAfter,
  });
}

/** Latency per route pattern (`/api/v1/me/2fa/verify`), never the raw URL: it could carry anything a client sent. */
export function registerRequestMetrics(app: FastifyInstance, metrics: ServerMetrics): void {
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? '(unmatched)',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
}

function counted<H extends (call: never) => Promise<{ status: string }>>(
  metrics: ServerMetrics,
  step: SignInStep,
  handler: H,
): H {
  return (async (call: never) => {
    try {
      const result = await handler(call);
      metrics.countSignIn(step, signInOutcome(result, null));
      return result;
    } catch (error) {
      // A rate-limited answer was never a sign-in step (the limit is counted by the route before the handler,
      // or inside the handler's unit of work on SQLite): both count the same.
      if (!(error instanceof SecurusError && error.code === 'rate_limited')) {
        metrics.countSignIn(step, signInOutcome(null, error));
      }
      throw error;
    }
  }) as H;
}

/** Counts each sign-in step's outcome as it is answered: a counter increment on the request's path, no I/O. */
export function countSignIns(metrics: ServerMetrics, handlers: RouteHandlers): RouteHandlers {
  return {
    ...handlers,
    login: counted(metrics, 'password', handlers.login),
    loginSecondFactor: counted(metrics, 'second_factor', handlers.loginSecondFactor),
  };
}
