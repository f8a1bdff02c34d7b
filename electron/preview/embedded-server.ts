import { randomInt } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerConfig } from '../../server/config';
import { launchServer } from '../../server/launch';
import { OUTBOX_DIR_NAME } from '../../server/mail/mailer';

export interface DemoAccount {
  username: string;
  password: string;
}

export interface EmbeddedServer {
  url: string;
  /** Created on an empty database only; null when accounts already exist. */
  demoAccount: DemoAccount | null;
  /** Where the server writes mail (.eml) when no SMTP relay is configured; null with SMTP. */
  outboxDir: string | null;
  close(): Promise<void>;
}

export const DEMO_USERNAME = 'supervisor';
export const DEMO_EMAIL = 'supervisor@example.test';

/** Names a file the embedded server also appends its request log to (npm test scans such logs for secrets). */
export const SERVER_LOG_FILE_VARIABLE = 'SECURUS_SERVER_LOG_FILE';

/**
 * The reference server on loopback with SQLite in `dataDir`, for the preview and `npm start` when no server is
 * configured. A PostgreSQL URL in the environment is ignored: the embedded server is always the local SQLite one.
 */
export async function startEmbeddedServer(options: {
  dataDir: string;
  env?: NodeJS.ProcessEnv;
  /** The server's request log; silent unless given (or SECURUS_SERVER_LOG_FILE names a file in `env`). */
  logSink?: (line: string) => void;
}): Promise<EmbeddedServer> {
  const env: NodeJS.ProcessEnv = { ...(options.env ?? process.env) };
  const logFile = env[SERVER_LOG_FILE_VARIABLE];
  delete env[SERVER_LOG_FILE_VARIABLE];
  delete env.DATABASE_URL;
  delete env.SECURUS_CONFIG;
  const config = loadServerConfig({
    ...env,
    SECURUS_DATA_DIR: options.dataDir,
    SECURUS_HOST: '127.0.0.1',
    SECURUS_PORT: '0',
  });
  const sink = options.logSink ?? (() => undefined);
  const logSink = logFile
    ? (line: string) => {
        sink(line);
        appendFileSync(logFile, line);
      }
    : sink;
  const server = await launchServer(config, { logSink });
  let demoAccount: DemoAccount | null = null;
  try {
    if ((await server.users.count()) === 0) {
      demoAccount = { username: DEMO_USERNAME, password: demoPassword() };
      await server.users.create({ ...demoAccount, email: DEMO_EMAIL, displayName: 'Demo Supervisor' });
    }
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    url: server.url,
    demoAccount,
    outboxDir: config.smtpUrl ? null : join(config.dataDir, OUTBOX_DIR_NAME),
    close: () => server.close(),
  };
}

/** 20 symbols without look-alikes, about 99 bits: easy to read off a terminal, long enough for the server. */
function demoPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  let password = '';
  for (let i = 0; i < 20; i += 1) {
    password += alphabet[randomInt(alphabet.length)];
  }
  return password.replace(/(.{5})(?!$)/g, '$1-');
}
