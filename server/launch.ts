import type { UserRole } from '../shared/api/common';
import type { ServerConfig } from './config';
import type { Clock } from './context';
import { openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { buildApp } from './app';
import { countUsers, createUser } from './domain/accounts';
import { createMailer } from './mail/mailer';
import { startMetricsListener, type MetricsListener } from './metrics/listener';
import { loadTlsMaterial } from './tls';

export interface LaunchedServer {
  /** Base URL, e.g. http://127.0.0.1:4870 (https:// with SECURUS_TLS_CERT); the API is under /api/v1. */
  url: string;
  /** The Prometheus endpoint when SECURUS_METRICS_PORT is set, else null. */
  metricsUrl: string | null;
  close(): Promise<void>;
  users: {
    count(): Promise<number>;
    create(input: {
      username: string;
      password: string;
      email: string;
      displayName?: string;
      role?: UserRole;
    }): Promise<{ id: string }>;
  };
}

/**
 * Checks the TLS files, opens the database, applies migrations, builds the app and listens on
 * config.host:config.port (0 = any), and serves metrics on their own port when configured.
 */
export async function launchServer(
  config: ServerConfig,
  options: { logSink?: (line: string) => void; clock?: Clock } = {},
): Promise<LaunchedServer> {
  const tls = loadTlsMaterial(config, (options.clock ?? Date).now());
  const storage = openDatabase(config);
  try {
    await migrateToLatest(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const mailer = createMailer({ dataDir: config.dataDir, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildApp({ config, db: storage, mailer, tls, ...options });
  let metrics: MetricsListener | null = null;
  try {
    await app.listen({ host: config.host, port: config.port });
    if (config.metrics) {
      metrics = await startMetricsListener(app.securus.metrics!, config.metrics, app.log);
    }
  } catch (error) {
    await app.close();
    await storage.close();
    mailer.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const ctx = app.securus;
  return {
    url: `${tls ? 'https' : 'http'}://${host}:${port}`,
    metricsUrl: metrics?.url ?? null,
    async close() {
      await metrics?.close();
      await app.close();
      await storage.close();
      mailer.close();
    },
    users: {
      count: () => countUsers(ctx),
      create: (input) => createUser(ctx, input),
    },
  };
}
