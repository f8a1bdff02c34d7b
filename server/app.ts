import Fastify, { type FastifyInstance } from 'fastify';
import type { ServerConfig } from './config';
import { systemClock, type Clock, type ServerContext } from './context';
import type { SecurusDatabase } from './db/database';
import { BackgroundWork } from './domain/background';
import { HOUSEKEEPING_INTERVAL_MS, purgeExpiredRows } from './domain/housekeeping';
import { PasswordHasher } from './domain/passwords';
import { SecretBox } from './domain/secret-box';
import type { Mailer } from './mail/mailer';
import { registerErrorHandling, registerJsonOnly } from './app/http-errors';
import { registerOpenApi } from './app/openapi';
import { registerApiRoutes } from './app/route-kit';
import { authRoutes } from './app/routes/auth';
import { meRoutes } from './app/routes/me';
import { passwordResetRoutes } from './app/routes/password-reset';
import { serverInfoRoutes } from './app/routes/server-info';
import { twoFactorRoutes } from './app/routes/two-factor';
import { resolveSecretKeys } from './secret-key';

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
}

/** Small JSON requests only (SECURITY fuzz: a huge body is a 413, never work). */
export const BODY_LIMIT_BYTES = 16 * 1024;

/** The plugin tree (fastify/demo's app.ts): the launcher (launch.ts) opens storage and listens. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const sink = deps.logSink ?? ((line: string) => void process.stdout.write(line));
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
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
    clock: deps.clock ?? systemClock,
    mailer: deps.mailer,
    secretBox: new SecretBox(resolveSecretKeys(deps.config)),
    passwords: new PasswordHasher(deps.config.passwordHashing),
    background: new BackgroundWork(app.log),
    log: app.log,
  };
  app.decorate('securus', ctx);
  app.decorate('registeredRoutes', [] as Array<{ method: string; url: string }>);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      app.registeredRoutes.push({ method, url: route.url });
    }
  });
  registerJsonOnly(app);
  registerErrorHandling(app);
  registerApiRoutes(app, ctx, {
    ...serverInfoRoutes(ctx),
    ...authRoutes(ctx),
    ...passwordResetRoutes(ctx),
    ...meRoutes(ctx),
    ...twoFactorRoutes(ctx),
  });
  registerOpenApi(app);
  const housekeeping = setInterval(
    () => ctx.background.run('housekeeping', () => purgeExpiredRows(ctx)),
    HOUSEKEEPING_INTERVAL_MS,
  );
  housekeeping.unref();
  app.addHook('onClose', async () => {
    clearInterval(housekeeping);
    await ctx.background.settled();
  });
  return app;
}
