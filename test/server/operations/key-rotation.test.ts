import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { retireKey } from '../../../server/cli/key-commands';
import { loadServerConfig } from '../../../server/config';
import { sealedKeyId } from '../../../server/domain/secret-box';
import { callApi, loginWithPassword, STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';
import { PASSWORD, signInWithSecondFactor, twoFactorAccounts, type TwoFactorAccount } from './accounts';
import { securusCli } from './securus-cli';

/** Accounts with 2FA whose rows are written directly: enough rows that re-sealing takes many batches. */
async function bulkTwoFactorRows(server: TestServer, count: number): Promise<void> {
  const { db, secretBox } = server.app.securus;
  const now = server.clock.now();
  for (let start = 0; start < count; start += 100) {
    const ids = Array.from({ length: Math.min(100, count - start) }, () => randomUUID());
    await db
      .insertInto('users')
      .values(
        ids.map((id, i) => ({
          id,
          username: `bulk${start + i}`,
          username_key: `bulk${start + i}`,
          email: `bulk${start + i}@securus.test`,
          display_name: 'Bulk',
          password_hash: 'not-a-hash',
          created_at: now,
          locked_until: null,
        })),
      )
      .execute();
    await db
      .insertInto('two_factor')
      .values(
        ids.map((id) => ({
          user_id: id,
          secret_sealed: secretBox.seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'),
          enabled_at: now,
          last_accepted_step: null,
          removal_due_at: null,
        })),
      )
      .execute();
  }
}

async function sealedKeyIds(server: TestServer): Promise<string[]> {
  const { db } = server.app.securus;
  const rows = [
    ...(await db.selectFrom('two_factor').select('secret_sealed').execute()),
    ...(await db.selectFrom('enrollments').select('secret_sealed').execute()),
  ];
  return rows.map((row) => sealedKeyId(row.secret_sealed) ?? '?');
}

const BULK_ROWS = 600;

describe.each(STORAGE_DIALECTS)('securus secret-key rotate (%s)', (dialect) => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    // The first server owns the storage: it closes last.
    for (const server of servers.splice(0).reverse()) {
      await server.close();
    }
  });

  it('seals every secret again under a new key while sign-ins go on, then tells what each key still holds', async () => {
    const first = await startTestServer({ dialect, listen: false });
    servers.push(first);
    const accounts = await twoFactorAccounts(first, `rot${dialect}`, 3);
    await bulkTwoFactorRows(first, BULK_ROWS);
    await first.createUser({ username: `pending${dialect}`, password: PASSWORD });
    const login = await loginWithPassword(first, { username: `pending${dialect}`, password: PASSWORD });
    const token = login.status === 'authenticated' ? login.session.token : '';
    expect((await callApi(first, 'POST', '/me/2fa/setup', {}, token)).status).toBe(200);
    const oldKeyId = first.app.securus.secretBox.currentKeyId;

    let server = first;
    let env: Record<string, string>;
    if (dialect === 'postgres') {
      // Configured keys: the operator sets the new key, keeps the old one as previous, and restarts.
      const old = first.config.secretKeys![0]!;
      const next = { id: 'k2', key: randomBytes(32).toString('base64') };
      server = await startTestServer({ shareStorageWith: first, listen: false, config: { secretKeys: [next, old] } });
      servers.push(server);
      env = {
        DATABASE_URL: first.config.databaseUrl,
        SECURUS_DATABASE_SCHEMA: first.config.databaseSchema,
        SECURUS_SECRET_KEY: next.key,
        SECURUS_SECRET_KEY_ID: next.id,
        SECURUS_PREVIOUS_SECRET_KEYS: `${old.id}:${old.key}`,
      } as Record<string, string>;
    } else {
      env = { SECURUS_DATA_DIR: first.dataDir };
    }

    const rotation = securusCli(['secret-key', 'rotate', '--batch-size', '5'], env);
    let running = true;
    void rotation.finally(() => (running = false));
    const failures: string[] = [];
    const oldKeyShare = new Set<number>();
    const signInAll = async (round: TwoFactorAccount[]) => {
      server.clock.advance(30_000);
      for (const account of round) {
        const reply = await signInWithSecondFactor(server, account);
        if (reply.status !== 200) {
          failures.push(`${account.username}: ${reply.status} ${JSON.stringify(reply.body)}`);
        }
      }
    };
    while (running) {
      await signInAll(accounts);
      const ids = await sealedKeyIds(server);
      oldKeyShare.add(ids.filter((id) => id === oldKeyId).length);
    }
    const result = await rotation;
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(failures).toEqual([]);
    // Sign-ins ran while part of the rows were sealed under each key.
    expect([...oldKeyShare].some((count) => count > 0 && count < BULK_ROWS)).toBe(true);

    expect(new Set(await sealedKeyIds(server))).toEqual(new Set(['k2']));
    expect(result.stdout).toMatch(new RegExp(`Sealed ${BULK_ROWS + accounts.length + 1} secrets again under key k2`));
    expect(result.stdout).toContain(`Key k2 (current): ${BULK_ROWS + accounts.length} 2FA secrets, 1 pending setup`);
    expect(result.stdout).toContain(
      `Key ${oldKeyId}: 0 2FA secrets, 0 pending setups, ${accounts.length * 10} unused backup codes. Backup codes are stored only as keyed hashes`,
    );
    if (dialect === 'sqlite') {
      expect(readFileSync(join(first.dataDir, 'secret.key'), 'utf8').split('\n')[0]).toMatch(/^k2:/);
    }

    // After the rotation: TOTP under the new key, and backup codes still under the old one.
    await signInAll(accounts);
    expect(failures).toEqual([]);
    expect((await signInWithSecondFactor(server, accounts[0]!, accounts[0]!.backupCodes[0])).status).toBe(200);
    const config = loadServerConfig(env);
    await expect(retireKey(config, oldKeyId)).rejects.toThrow(
      /is still needed: Key .*: 0 2FA secrets, 0 pending setups, 29 unused backup codes/,
    );
    for (const account of accounts) {
      server.clock.advance(30_000);
      const session = await signInWithSecondFactor(server, account);
      expect(session.status).toBe(200);
      const sessionToken = session.body.session.token;
      const codes = await callApi(server, 'POST', '/me/2fa/backup-codes', { password: PASSWORD }, sessionToken);
      expect(codes.status).toBe(200);
    }
    const retired = await retireKey(config, oldKeyId);
    expect(retired.output).toMatch(
      dialect === 'postgres' ? /remove it from SECURUS_PREVIOUS_SECRET_KEYS/ : /Removed key k1 from .*secret\.key/,
    );
    await expect(retireKey(config, 'k2')).rejects.toThrow(/is the current key/);
    await signInAll(accounts);
    expect(failures).toEqual([]);
  }, 240_000);
});
