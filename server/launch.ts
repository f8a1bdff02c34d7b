import type { ServerConfig } from './config';
import type { Clock } from './context';
import { openDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { buildApp } from './app';
import { countUsers, createUser } from './domain/accounts';
import { createMailer } from './mail/mailer';

export interface LaunchedServer {
  /** Base URL, e.g. http://127.0.0.1:4870; the API is under /api/v1. */
  url: string;
  close(): Promise<void>;
  users: {
    count(): Promise<number>;
    create(input: { username: string; password: string; email: string; displayName?: string }): Promise<{ id: string }>;
  };
}

/** Opens the database, applies migrations, builds the app and listens on config.host:config.port (0 = any). */
export async function launchServer(
  config: ServerConfig,
  options: { logSink?: (line: string) => void; clock?: Clock } = {},
): Promise<LaunchedServer> {
  const storage = openDatabase(config);
  try {
    await migrateToLatest(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }
  const mailer = createMailer({ dataDir: config.dataDir, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const app = await buildApp({ config, db: storage, mailer, ...options });
  try {
    await app.listen({ host: config.host, port: config.port });
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
    url: `http://${host}:${port}`,
    async close() {
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
