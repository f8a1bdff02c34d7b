import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { API_PREFIX, apiRoutes, type ApiRoute, type ApiRouteName } from '../../shared/api/routes';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import type { Database } from '../db/database';
import { inSharedCommit } from '../db/one-commit';
import { hitRateLimit } from '../domain/rate-limit';
import { findActiveSession, type ActiveSession } from '../domain/sessions';
import { validationError } from './http-errors';

type RouteOf<N extends ApiRouteName> = (typeof apiRoutes)[N];
type BodyOf<N extends ApiRouteName> = RouteOf<N>['request'] extends z.ZodType
  ? z.output<RouteOf<N>['request']>
  : undefined;
type SessionOf<N extends ApiRouteName> = RouteOf<N>['session'] extends 'required' ? ActiveSession : null;

export interface RouteCall<N extends ApiRouteName> {
  /** The parsed request: the JSON body of a POST, the query string of a GET. */
  body: BodyOf<N>;
  session: SessionOf<N>;
  /** The client address, for audit and rate limits. */
  ip: string;
  request: FastifyRequest;
  reply: FastifyReply;
  /**
   * Present when the handler counts the per-address rate-limit hit itself, first in its own unit of work, so both
   * share one commit (SQLite); throws `rate_limited` past the limit.
   */
  countRateLimitHit?: (db: Kysely<Database>) => Promise<void>;
}

/** One handler per route of the shared table; the compiler refuses a missing one. */
export type RouteHandlers = {
  [N in ApiRouteName]: (call: RouteCall<N>) => Promise<z.input<RouteOf<N>['response']>>;
};

/** The login endpoints, limited per client address (SECURITY.md). */
const RATE_LIMITED = new Set<ApiRouteName>(['login', 'loginSecondFactor', 'forgotPassword', 'resetPassword']);
/**
 * Routes whose handler takes `countRateLimitHit` on SQLite: one unit of work and one turn of the event loop per
 * answer instead of two. Not on PostgreSQL, where the address's rate-limit row would stay locked for the whole
 * verify transaction and queue every answer to that address behind it.
 */
const HIT_IN_HANDLER = new Set<ApiRouteName>(['loginSecondFactor']);

async function countLoginHit(
  ctx: ServerContext,
  db: Kysely<Database>,
  request: FastifyRequest,
  name: ApiRouteName,
): Promise<void> {
  const { max, windowSeconds } = ctx.config.loginRateLimit;
  const decision = await hitRateLimit({ ...ctx, db }, `login:${request.ip}`, max, windowSeconds * 1000);
  if (!decision.allowed) {
    request.log.warn({ securityEvent: 'rate_limited', ip: request.ip, route: name }, 'rate limited');
    throw new SecurusError('rate_limited', { retryAfterSeconds: decision.retryAfterSeconds });
  }
}

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(header) : null;
  return match ? match[1]! : null;
}

async function requireSession(ctx: ServerContext, request: FastifyRequest): Promise<ActiveSession> {
  const token = bearerToken(request);
  const session = token ? await findActiveSession(ctx, token) : null;
  if (!session) {
    throw new SecurusError('unauthenticated');
  }
  return session;
}

/** No API field has a use for U+0000, and PostgreSQL text cannot store it: refuse it as bad input up front. */
function rejectNulCharacters(body: unknown): void {
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && value.includes('\u0000')) {
        throw new SecurusError('validation_failed', { details: [{ path: key, message: 'Contains a NUL character.' }] });
      }
    }
  }
}

/** A GET carries its request in the query string; it is parsed and refused the same way as a body. */
function parseInput(route: ApiRoute, request: FastifyRequest): unknown {
  const input = route.method === 'GET' ? request.query : request.body;
  rejectNulCharacters(input);
  const parsed = route.request!.safeParse(input ?? {});
  if (!parsed.success) {
    throw validationError(parsed.error);
  }
  return parsed.data;
}

/**
 * Registers exactly the routes of `shared/api/routes.ts`: body (or query) parsed with the route's zod schema (400
 * validation_failed with details), session and step-up checked, the answer shaped by the response schema.
 */
export function registerApiRoutes(app: FastifyInstance, ctx: ServerContext, handlers: RouteHandlers): void {
  for (const [name, route] of Object.entries(apiRoutes) as Array<[ApiRouteName, ApiRoute]>) {
    const handler = handlers[name] as (call: RouteCall<ApiRouteName>) => Promise<unknown>;
    app.route({
      method: route.method,
      url: `${API_PREFIX}${route.path}`,
      handler: async (request, reply) => {
        const hitInHandler = HIT_IN_HANDLER.has(name) && ctx.storage.dialect === 'sqlite';
        const countHit = (db: Kysely<Database>) => countLoginHit(ctx, db, request, name);
        if (RATE_LIMITED.has(name) && !hitInHandler) {
          await inSharedCommit(ctx.storage, countHit);
        }
        const session = route.session === 'required' ? await requireSession(ctx, request) : null;
        if (session?.setupOnly && !route.duringRequiredSetup) {
          throw new SecurusError('two_factor_setup_required');
        }
        if (route.admin && session?.role !== 'admin') {
          throw new SecurusError('forbidden');
        }
        if (route.stepUp && session?.reauthUntil === null) {
          throw new SecurusError('reauth_required');
        }
        let body: unknown = undefined;
        if (route.request) {
          try {
            body = parseInput(route, request);
          } catch (error) {
            // A refused body still counts against its address, and a limited address hears 429 first, as before.
            if (hitInHandler) {
              await inSharedCommit(ctx.storage, countHit);
            }
            throw error;
          }
        }
        const result = await handler({
          body,
          session,
          ip: request.ip,
          request,
          reply,
          ...(hitInHandler ? { countRateLimitHit: countHit } : {}),
        } as RouteCall<ApiRouteName>);
        void reply.code(route.status);
        return route.response.parse(result);
      },
    });
  }
}
