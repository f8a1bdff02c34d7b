import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../../server/config';
import { backupSqlite } from '../../../server/db/backup';
import { SQLITE_FILE_NAME } from '../../../server/db/connect';
import { restoreSqlite } from '../../../server/db/restore';
import { startTestServer, TestClock, type TestServer } from '../harness';
import { PASSWORD, signInWithSecondFactor, twoFactorAccounts } from './accounts';
import { securusCli } from './securus-cli';

function tableCounts(file: string): Record<string, number> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const names = db
      .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      names.map((name) => [name, (db.prepare(`select count(*) from "${name}"`).pluck().get() as number) ?? 0]),
    );
  } finally {
    db.close();
  }
}

function eventIds(file: string): Set<string> {
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return new Set(db.prepare('select id from security_events').pluck().all() as string[]);
  } finally {
    db.close();
  }
}

/** Old audit history, so the database has some size and the copy some work while sign-ins write. */
function addHistory(file: string, userId: string, rows: number): void {
  const db = new SqliteDatabase(file);
  try {
    db.pragma('busy_timeout = 5000');
    const insert = db.prepare(
      `insert into security_events (id, user_id, type, at, ip_address) values (?, ?, 'login_succeeded', ?, '192.0.2.7')`,
    );
    db.transaction(() => {
      for (let i = 0; i < rows; i += 1) {
        insert.run(`history-${i}-${randomUUID()}`, userId, 1_600_000_000_000 + i);
      }
    })();
  } finally {
    db.close();
  }
}

describe('securus backup and restore (SQLite)', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) {
      await step();
    }
  });

  async function serverOn(dataDir: string, clock: TestClock): Promise<TestServer> {
    const server = await startTestServer({ config: { dataDir }, clock, listen: false });
    cleanup.push(() => server.close());
    return server;
  }

  it('copies a running database while sign-ins write to it, and a restore brings every row back', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'securus-backup-'));
    const backups = mkdtempSync(join(tmpdir(), 'securus-backups-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    cleanup.push(() => rmSync(backups, { recursive: true, force: true }));
    const clock = new TestClock();
    const live = join(dataDir, SQLITE_FILE_NAME);
    let server = await serverOn(dataDir, clock);
    const accounts = await twoFactorAccounts(server, 'backup', 4);
    for (const account of accounts.slice(0, 2)) {
      expect((await signInWithSecondFactor(server, account, account.backupCodes[0])).status).toBe(200);
    }
    const { id: loaderId } = await server.createUser({ username: 'loader', password: PASSWORD });
    addHistory(live, loaderId, 20_000);
    const before = tableCounts(live);

    // Sign-ins write sessions, rate-limit counters and audit rows for as long as the backup runs.
    let loading = true;
    let signIns = 0;
    const load = (async () => {
      while (loading) {
        const reply = await server.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username: 'loader', password: PASSWORD },
        });
        expect(reply.statusCode).toBe(200);
        signIns += 1;
      }
    })();
    const backupFile = join(backups, 'securus-1.sqlite');
    const backup = await securusCli(['backup', backupFile], { SECURUS_DATA_DIR: dataDir });
    const signInsDuringBackup = signIns;
    loading = false;
    await load;
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toMatch(/Backed up the database to .*securus-1\.sqlite/);
    expect(backup.stdout).toContain(join(dataDir, 'secret.key'));
    expect(signInsDuringBackup).toBeGreaterThan(0);

    const after = tableCounts(live);
    const copied = tableCounts(backupFile);
    // What sign-ins do not touch is copied exactly; what they add lies between the counts before and after.
    for (const table of ['users', 'two_factor', 'backup_codes', 'enrollments', 'kysely_migration']) {
      expect({ table, count: copied[table] }).toEqual({ table, count: before[table] });
    }
    expect(copied.security_events).toBeGreaterThan(before.security_events!);
    expect(copied.security_events).toBeLessThanOrEqual(after.security_events!);
    const liveIds = eventIds(live);
    expect([...eventIds(backupFile)].every((id) => liveIds.has(id))).toBe(true);

    expect((await securusCli(['restore', backupFile], { SECURUS_DATA_DIR: dataDir })).stderr).toMatch(
      /is in use: stop every Securus server/,
    );
    await cleanup.pop()!(); // the server stops
    const restore = await securusCli(['restore', backupFile], { SECURUS_DATA_DIR: dataDir });
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/The database it replaced is kept as .*before-restore-/);
    expect(tableCounts(live)).toEqual(copied);

    server = await serverOn(dataDir, clock);
    clock.advance(30_000);
    for (const [index, account] of accounts.entries()) {
      // The TOTP secrets open with the data directory's key; each remaining backup code still works once.
      const code = index < 2 ? account.backupCodes[1] : undefined;
      const reply = await signInWithSecondFactor(server, account, code);
      expect({ account: account.username, status: reply.status }).toEqual({ account: account.username, status: 200 });
    }
    const spent = await signInWithSecondFactor(server, accounts[0]!, accounts[0]!.backupCodes[0]);
    expect(spent.status).toBe(400);
  }, 120_000);

  it('refuses a file that is not a Securus database, one from a newer schema, and an existing destination', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'securus-backup-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await twoFactorAccounts(await serverOn(dataDir, new TestClock()), 'refuse', 1);
    const config = loadServerConfig({ SECURUS_DATA_DIR: dataDir });
    const good = join(dataDir, 'good.sqlite');
    await backupSqlite(config, good);
    await expect(backupSqlite(config, good)).rejects.toThrow(/already exists/);
    await expect(backupSqlite(config, join(dataDir, 'no/such/folder.sqlite'))).rejects.toThrow(/does not exist/);
    const postgres = { ...config, databaseUrl: 'postgres://db.example/securus' };
    await expect(backupSqlite(postgres, join(dataDir, 'pg.sqlite'))).rejects.toThrow(/use pg_dump/);
    expect(() => restoreSqlite(postgres, good)).toThrow(/use pg_dump/);
    await cleanup.pop()!(); // the server stops

    const text = join(dataDir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some words that go on for a while');
    expect(() => restoreSqlite(config, text)).toThrow(/is not an SQLite database/);
    const other = join(dataDir, 'other.sqlite');
    new SqliteDatabase(other).exec('create table notes (body text)').close();
    expect(() => restoreSqlite(config, other)).toThrow(/is not a Securus database \(no kysely_migration, users/);
    const future = join(dataDir, 'future.sqlite');
    await new SqliteDatabase(good, { readonly: true }).backup(future);
    const newer = new SqliteDatabase(future);
    newer.prepare(`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', 'x')`).run();
    newer.close();
    expect(() => restoreSqlite(config, future)).toThrow(
      /comes from a newer Securus \(migrations 9999-from-the-future are unknown/,
    );
    expect(() => restoreSqlite(config, join(dataDir, 'missing.sqlite'))).toThrow(/does not exist/);

    // A backup without its secret key would refuse every 2FA sign-in: it is not put in place.
    const elsewhere = loadServerConfig({ SECURUS_DATA_DIR: mkdtempSync(join(tmpdir(), 'securus-elsewhere-')) });
    cleanup.push(() => rmSync(elsewhere.dataDir, { recursive: true, force: true }));
    expect(() => restoreSqlite(elsewhere, good)).toThrow(/need their secret key, and there is none/);
    writeFileSync(join(elsewhere.dataDir, 'secret.key'), `k1:${Buffer.alloc(32, 7).toString('base64')}\n`);
    expect(() => restoreSqlite(elsewhere, good)).toThrow(/the secret key k1 of this server does not open/);
    writeFileSync(join(elsewhere.dataDir, 'secret.key'), `k9:${Buffer.alloc(32, 7).toString('base64')}\n`);
    expect(() => restoreSqlite(elsewhere, good)).toThrow(
      /needs the secret key\(s\) k1, which this server does not have/,
    );
    expect(existsSync(join(elsewhere.dataDir, SQLITE_FILE_NAME))).toBe(false);
    expect(restoreSqlite(config, good)).toMatchObject({ tables: { users: 1, two_factor: 1 } });
  });
});
