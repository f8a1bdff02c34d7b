import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { LoginResponse } from '../../shared/api/auth';
import { API_PREFIX } from '../../shared/api/routes';
import { buildApp } from '../../server/app';
import { loadServerConfig, type ServerConfig } from '../../server/config';
import { openDatabase } from '../../server/db/connect';
import type { StorageDialect } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';
import { createUser } from '../../server/domain/accounts';
import { OUTBOX_DIR_NAME, createMailer } from '../../server/mail/mailer';
import { SECRET_KEY_FILE } from '../../server/secret-key';
import { authenticatorCode } from '../support/reference-totp';
import { PUBLIC_KIND, openLogCapture, recordSecretsOf, type LogCapture } from './log-capture';
import { readOutboxDir, type OutboxMail } from './outbox';

const POSTGRES_URL = process.env.SECURUS_TEST_DATABASE_URL;
if (!POSTGRES_URL && process.env.SECURUS_REQUIRE_POSTGRES === '1') {
  throw new Error('SECURUS_REQUIRE_POSTGRES=1 but SECURUS_TEST_DATABASE_URL is not set: the PostgreSQL runs must run.');
}

/** Every storage test runs for each of these (describe.each); PostgreSQL only when a test database is given. */
export const STORAGE_DIALECTS: StorageDialect[] = POSTGRES_URL ? ['sqlite', 'postgres'] : ['sqlite'];

/** The server's only clock in tests: move it instead of waiting. Starts 1 s into a 30-second TOTP step. */
export class TestClock {
  private current: number;

  constructor(start = Math.floor(Date.now() / 30_000) * 30_000 + 1_000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(ms: number): void {
    this.current = ms;
  }
}

export interface TestServer {
  app: FastifyInstance;
  /** `http://127.0.0.1:<port>/api/v1` when listening; '' otherwise (use `app.inject`). */
  baseUrl: string;
  config: ServerConfig;
  dialect: StorageDialect;
  dataDir: string;
  outboxDir: string;
  logLines: string[];
  clock: TestClock;
  createUser(input: {
    username: string;
    password: string;
    email?: string;
    displayName?: string;
  }): Promise<{ id: string }>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dialect?: StorageDialect;
  config?: Partial<ServerConfig>;
  /** A second app instance on the same storage (database, data dir, secret key) as this one. */
  shareStorageWith?: TestServer;
  clock?: TestClock;
  /** Listen on a loopback port (default true). */
  listen?: boolean;
}

/**
 * Tests get generous login rate and hashing-queue limits so parallel attack tests measure the 2FA rules, not the
 * per-address limit; tests of those limits set them explicitly.
 */
const TEST_DEFAULTS: Partial<ServerConfig> = {
  loginRateLimit: { max: 100_000, windowSeconds: 60 },
  passwordHashing: { concurrency: 2, queueLimit: 10_000 },
  // Every test client is 127.0.0.1: the per-address guard would otherwise count all of a file's tests together.
  passwordGuard: { accountFreeFailures: 5, addressFreeFailures: 1000, maxDelayMinutes: 15 },
};

interface SharedStorage {
  dataDir: string;
  schema?: string;
  secretKeys?: ServerConfig['secretKeys'];
}
const storageOf = new WeakMap<TestServer, SharedStorage>();

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const shared = options.shareStorageWith ? storageOf.get(options.shareStorageWith) : undefined;
  const dialect = options.shareStorageWith?.dialect ?? options.dialect ?? 'sqlite';
  if (dialect === 'postgres' && !POSTGRES_URL) {
    throw new Error('a PostgreSQL test server needs SECURUS_TEST_DATABASE_URL');
  }
  const storage: SharedStorage = shared ?? { dataDir: mkdtempSync(join(tmpdir(), 'securus-server-')) };
  if (!shared && dialect === 'postgres') {
    storage.schema = `t_${randomBytes(8).toString('hex')}`;
    storage.secretKeys = [{ id: 'test', key: randomBytes(32).toString('base64') }];
    await withAdminClient((client) => client.query(`CREATE SCHEMA ${storage.schema}`));
  }
  const base = loadServerConfig({ SECURUS_DATA_DIR: storage.dataDir });
  const config: ServerConfig = {
    ...base,
    ...TEST_DEFAULTS,
    ...(dialect === 'postgres'
      ? { databaseUrl: POSTGRES_URL, databaseSchema: storage.schema, secretKeys: storage.secretKeys }
      : {}),
    ...options.config,
  };
  const db = openDatabase(config);
  await migrateToLatest(db);
  const mailer = createMailer({ dataDir: config.dataDir, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const clock = options.clock ?? options.shareStorageWith?.clock ?? new TestClock();
  const logLines: string[] = [];
  const capture = openLogCapture();
  const logSink = (line: string) => {
    logLines.push(line);
    capture?.logLine(line);
  };
  const app = await buildApp({ config, db, mailer, clock, logSink });
  if (capture) {
    recordSecretsOf(app, capture);
    recordSecretKeys(capture, config);
  }
  let baseUrl = '';
  if (options.listen ?? true) {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}${API_PREFIX}`;
  } else {
    await app.ready();
  }
  const server: TestServer = {
    app,
    baseUrl,
    config,
    dialect,
    dataDir: storage.dataDir,
    outboxDir: join(storage.dataDir, OUTBOX_DIR_NAME),
    logLines,
    clock,
    createUser: (input) => {
      capture?.secret('password', input.password);
      [input.username, input.email, input.displayName].forEach((value) => capture?.secret(PUBLIC_KIND, value));
      return createUser(app.securus, { email: `${input.username}@securus.test`, ...input });
    },
    async close() {
      await app.close();
      await db.close();
      mailer.close();
      if (!shared) {
        if (storage.schema) {
          await withAdminClient((client) => client.query(`DROP SCHEMA ${storage.schema} CASCADE`));
        }
        rmSync(storage.dataDir, { recursive: true, force: true });
      }
    },
  };
  storageOf.set(server, storage);
  return server;
}

/** The keys sealing TOTP secrets at rest: configured (PostgreSQL) or generated into the data directory (SQLite). */
function recordSecretKeys(capture: LogCapture, config: ServerConfig): void {
  const keyFile = join(config.dataDir, SECRET_KEY_FILE);
  const keys = config.secretKeys?.map((entry) => entry.key) ?? [];
  if (keys.length === 0 && existsSync(keyFile)) {
    keys.push(readFileSync(keyFile, 'utf8').trim().split(':')[1] ?? '');
  }
  keys.forEach((key) => capture.secret('secret-encryption key', key));
}

export interface ApiReply<T = unknown> {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: T;
}

/** One call through `inject` (no socket needed); `token` becomes the bearer header. */
export async function callApi<T = unknown>(
  server: TestServer,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token?: string,
): Promise<ApiReply<T>> {
  const response = await server.app.inject({
    method,
    url: `${API_PREFIX}${path}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: response.statusCode, headers: response.headers, body: response.json() as T };
}

function expectStatus(reply: ApiReply, status: number, what: string): void {
  if (reply.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`);
  }
}

export async function loginWithPassword(
  server: TestServer,
  user: { username: string; password: string },
): Promise<LoginResponse> {
  const reply = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
    username: user.username,
    password: user.password,
  });
  expectStatus(reply, 200, 'login');
  return reply.body;
}

/**
 * Turns 2FA on through the HTTP API (login → setup → verify with the reference TOTP → confirm). The enrollment
 * spends the current TOTP step; advance the clock a step before a TOTP login in the same step.
 */
export async function enableTwoFactor(
  server: TestServer,
  user: { username: string; password: string },
): Promise<{ secret: string; backupCodes: string[]; sessionToken: string }> {
  const login = await loginWithPassword(server, user);
  if (login.status !== 'authenticated') {
    throw new Error(`enableTwoFactor: ${user.username} already has 2FA`);
  }
  const token = login.session.token;
  const setup = await callApi<{ enrollmentId: string; secret: string }>(server, 'POST', '/me/2fa/setup', {}, token);
  expectStatus(setup, 200, '2fa setup');
  const { enrollmentId, secret } = setup.body;
  const verify = await callApi<{ backupCodes: string[] }>(
    server,
    'POST',
    '/me/2fa/verify',
    { enrollmentId, code: authenticatorCode(secret, server.clock.now()) },
    token,
  );
  expectStatus(verify, 200, '2fa verify');
  expectStatus(await callApi(server, 'POST', '/me/2fa/confirm', { enrollmentId }, token), 200, '2fa confirm');
  return { secret, backupCodes: verify.body.backupCodes, sessionToken: token };
}

/** The mail the server wrote to its outbox, once its background mail work is done. */
export async function readOutbox(server: TestServer): Promise<OutboxMail[]> {
  await server.app.securus.background.settled();
  return readOutboxDir(server.outboxDir);
}
