import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { systemClock, type Clock, type ServerContext } from './context';
import type { SecurusDatabase } from './db/database';
import { BackgroundWork } from './domain/background';
import { HOUSEKEEPING_INTERVAL_MS, runHousekeeping } from './domain/housekeeping';
import { PasswordHasher } from './domain/passwords';
import type { Mailer } from './mail/mailer';
import { registerErrorHandling, registerJsonOnly } from './app/http-errors';
import { registerOpenApi } from './app/openapi';
import { OneLinePerRequest } from './app/request-log';
import { registerApiRoutes } from './app/route-kit';
import { adminRoutes } from './app/routes/admin';
import { authRoutes } from './app/routes/auth';
import { authenticatorChangeRoutes } from './app/routes/authenticator-change';
import { meRoutes } from './app/routes/me';
import { passwordResetRoutes } from './app/routes/password-reset';
import { serverInfoRoutes } from './app/routes/server-info';
import { twoFactorRoutes } from './app/routes/two-factor';
import { workstationRoutes } from './app/routes/workstations';
import { createSecretBox } from './secret-key';
import { registerDraining } from './app/draining';
import { listenerOptions } from './app/listener-options';
import { countSignIns, createServerMetrics, registerRequestMetrics } from './metrics/instrument';
import { loadTlsMaterial, type TlsMaterial } from './tls';

declare module 'fastify' {
  interface FastifyInstance {
    securus: ServerContext;
    /** Every route as registered (method and URL), so a test can hold the OpenAPI document to it. */
    registeredRoutes: Array<{ method: string; url: string }>;
  }
}

export interface AppDeps {
  config: ServerConfig;
  db: SecurusDatabase;
  mailer: Mailer;
  clock?: Clock;
  /** Receives every log line (JSON, newline-terminated). Default: stdout. */
  logSink?: (line: string) => void;
  /** The checked certificate and key (launch.ts reads them first); read from config.tls when absent. */
  tls?: TlsMaterial | null;
}

/** Small JSON requests only (SECURITY fuzz: a huge body is a 413, never work). */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The plugin tree (fastify/demo's app.ts): the launcher (launch.ts) opens storage and listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const sink = deps.logSink ?? ((line: string) => void process.stdout.write(line));
  const clock = deps.clock ?? systemClock;
  const tls = deps.tls !== undefined ? deps.tls : loadTlsMaterial(deps.config, clock.now());
  const app = Fastify({
    ...listenerOptions(deps.config, tls),
    bodyLimit: BODY_LIMIT_BYTES,
    logController: new OneLinePerRequest(),
    logger: {
      level: 'info',
      stream: { write: (line: string) => sink(line) },
      // Bodies are never logged; headers are not serialized at all, and these paths are censored in case.
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.code', '*.token'],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: { method: string; url: string; ip?: string; socket?: { remoteAddress?: string } }) => ({
          method: request.method,
          url: request.url.split('?')[0],
          remoteAddress: request.ip ?? request.socket?.remoteAddress,
        }),
      },
    },
  });
  const ctx: ServerContext = {
    config: deps.config,
    storage: deps.db,
    db: deps.db.db,
    clock,
    mailer: deps.mailer,
    secretBox: createSecretBox(deps.config),
    passwords: new PasswordHasher(deps.config.passwordHashing),
    background: new BackgroundWork(app.log),
    log: app.log,
  };
  ctx.metrics = createServerMetrics(ctx, tls?.notAfter ?? null);
  app.decorate('securus', ctx);
  app.decorate('registeredRoutes', [] as Array<{ method: string; url: string }>);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      app.registeredRoutes.push({ method, url: route.url });
    }
  });
  registerJsonOnly(app);
  registerErrorHandling(app);
  registerDraining(app);
  registerRequestMetrics(app, ctx.metrics);
  registerApiRoutes(
    app,
    ctx,
    countSignIns(ctx.metrics, {
      ...serverInfoRoutes(ctx),
      ...authRoutes(ctx),
      ...passwordResetRoutes(ctx),
      ...meRoutes(ctx),
      ...twoFactorRoutes(ctx),
      ...authenticatorChangeRoutes(ctx),
      ...adminRoutes(ctx),
      ...workstationRoutes(ctx),
    }),
  );
  registerOpenApi(app);
  const housekeeping = setInterval(
    () => ctx.background.run('housekeeping', () => runHousekeeping(ctx)),
    HOUSEKEEPING_INTERVAL_MS,
  );
  housekeeping.unref();
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    await ctx.background.settled();
  });
  return app;
}
