import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../../shared/api';
import { usernameKeys } from '../../../server/db/migrations/0004-username-keys';
import { STORAGE_DIALECTS, callApi, startTestServer, type TestServer } from '../harness';

const root = join(import.meta.dirname, '../../..');
const PASSWORD = 'correct horse battery staple';

/** `npm run securus -- …` against this test server's storage (its SQLite file, or its PostgreSQL schema). */
function securus(server: TestServer, args: string[]) {
  const [secretKey] = server.config.secretKeys ?? [];
  const result = spawnSync(join(root, 'node_modules/.bin/tsx'), ['server/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SECURUS_DATA_DIR: server.dataDir,
      ...(server.config.databaseUrl
        ? { DATABASE_URL: server.config.databaseUrl, SECURUS_DATABASE_SCHEMA: server.config.databaseSchema }
        : {}),
      ...(secretKey ? { SECURUS_SECRET_KEY_ID: secretKey.id, SECURUS_SECRET_KEY: secretKey.key } : {}),
    },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function login(server: TestServer, username: string) {
  return callApi<LoginResponse & { error?: { code: string } }>(server, 'POST', '/auth/login', {
    username,
    password: PASSWORD,
  });
}

/** An account as an older server stored it: the username as typed, and no key unless one is given. */
async function insertLegacyUser(server: TestServer, username: string, usernameKey?: string): Promise<string> {
  const ctx = server.app.securus;
  const id = randomUUID();
  await ctx.db
    .insertInto('users')
    .values({
      id,
      username,
      ...(usernameKey === undefined ? {} : { username_key: usernameKey }),
      email: `${id}@securus.test`,
      display_name: username,
      password_hash: await ctx.passwords.hash(PASSWORD),
      created_at: server.clock.now(),
      locked_until: null,
    })
    .execute();
  return id;
}

const COLLISION = 'These accounts are one username under RFC 8265 and cannot sign in by name until one is renamed:';

describe.each(STORAGE_DIALECTS)('usernames compared under RFC 8265 (%s)', (dialect) => {
  let server: TestServer;
  afterEach(async () => server?.close());

  it('Alice, alice and ａlice are one account; creating alice again is refused as taken', async () => {
    server = await startTestServer({ dialect, listen: false });
    const created = await server.createUser({ username: 'Alice', password: PASSWORD });

    for (const typed of ['alice', '\uff41lice', 'ALICE', 'Alice']) {
      const reply = await login(server, typed);
      expect(reply.status, typed).toBe(200);
      expect(reply.body).toMatchObject({ status: 'authenticated', user: { id: created.id, username: 'alice' } });
    }
    for (const again of ['alice', '\uff41lice']) {
      await expect(server.createUser({ username: again, password: PASSWORD })).rejects.toMatchObject({
        info: { code: 'validation_failed', details: [{ path: 'username', message: 'That username is taken.' }] },
      });
    }
  });

  it('an invisible character is refused at creation and makes an ordinary wrong sign-in', async () => {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'alice', password: PASSWORD });
    await expect(server.createUser({ username: 'bob\u200b', password: PASSWORD })).rejects.toMatchObject({
      info: {
        code: 'validation_failed',
        details: [
          { path: 'username', message: 'Usernames cannot contain invisible characters such as zero-width spaces.' },
        ],
      },
    });

    for (const typed of ['alice\u200b', '\u200falice', 'al ice']) {
      const reply = await login(server, typed);
      expect(reply.status, JSON.stringify(typed)).toBe(401);
      expect(reply.body.error?.code).toBe('invalid_credentials');
    }
  });

  it('check-usernames reports accounts that collide, and neither signs in by that name', async () => {
    server = await startTestServer({ dialect, listen: false });
    await server.createUser({ username: 'bob', password: PASSWORD });
    expect(securus(server, ['user', 'check-usernames'])).toMatchObject({
      status: 0,
      stdout: 'No usernames collide.\n',
    });

    await insertLegacyUser(server, 'BOB', 'bob');
    expect((await login(server, 'bob')).body.error?.code).toBe('invalid_credentials');

    const check = securus(server, ['user', 'check-usernames']);
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toContain(`${COLLISION} BOB, bob\n`);
    expect(check.stdout).not.toContain('No usernames collide.');
  });

  it('migration 0004 keys existing accounts without merging them', async () => {
    server = await startTestServer({ dialect, listen: false });
    const { storage } = server.app.securus;
    // Back to the schema before 0004, so the real migration runs over accounts an older server created.
    await storage.db.schema.dropIndex('users_by_username_key').execute();
    await storage.db.schema.alterTable('users').dropColumn('username_key').execute();
    for (const username of ['Carol', 'carol', 'Erin', 'frank\u200b']) {
      await insertLegacyUser(server, username);
    }

    // The migration itself, as the migrator runs it (later migrations are already applied and stay so).
    await usernameKeys.up(storage.db as unknown as Kysely<unknown>);

    const rows = await storage.db.selectFrom('users').select(['username', 'username_key']).execute();
    expect(Object.fromEntries(rows.map((row) => [row.username, row.username_key]))).toEqual({
      Carol: 'carol',
      carol: 'carol',
      Erin: 'erin',
      'frank\u200b': 'frank\u200b',
    });
    expect((await login(server, 'erin')).body).toMatchObject({ status: 'authenticated', user: { username: 'Erin' } });
    expect((await login(server, 'Carol')).body.error?.code).toBe('invalid_credentials');

    const check = securus(server, ['user', 'check-usernames']);
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout.split('\n')).toEqual([
      `${COLLISION} Carol, carol`,
      'This username is refused by RFC 8265 and cannot sign in by name until it is renamed: frank<U+200B> ' +
        '(Usernames cannot contain invisible characters such as zero-width spaces.)',
      'This username predates RFC 8265 and signs in as erin (no action needed): Erin',
      '',
    ]);
  });
});
