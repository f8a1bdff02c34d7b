import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKUP_CODE_ALPHABET, BACKUP_CODE_BITS, formatBackupCode } from '../../../shared/codes';
import {
  backupCodeMatches,
  consumeBackupCode,
  hashBackupCode,
  newBackupCodes,
  remainingBackupCodes,
  replaceBackupCodes,
} from '../../../server/domain/backup-codes';
import { SecretBox } from '../../../server/domain/secret-box';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

const box = new SecretBox([{ id: 'k1', key: randomBytes(32).toString('base64') }]);

describe('backup codes', () => {
  it('are ten distinct codes of at least 64 bits in the look-alike-free alphabet', () => {
    const codes = newBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(BACKUP_CODE_BITS).toBeGreaterThanOrEqual(64);
    for (const code of codes) {
      expect([...code].every((symbol) => BACKUP_CODE_ALPHABET.includes(symbol))).toBe(true);
      expect(formatBackupCode(code)).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    }
  });

  it('use every symbol of the alphabet over many codes (no narrowed generator)', () => {
    const seen = new Set(newBackupCodes(200).join(''));
    expect(seen.size).toBe(BACKUP_CODE_ALPHABET.length);
  });

  it('are stored salted and keyed-hashed: a per-code salt of at least 32 bits, no plain code', () => {
    const [code] = newBackupCodes(1);
    const first = hashBackupCode(box, code!);
    const second = hashBackupCode(box, code!);
    expect(Buffer.from(first.salt, 'base64url').length * 8).toBeGreaterThanOrEqual(32);
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(JSON.stringify(first)).not.toContain(code);
    expect(Buffer.from(first.hash, 'base64url')).toHaveLength(32);
  });

  it('match only the code they were made from, and only under the server key', () => {
    const [code, other] = newBackupCodes(2);
    const stored = hashBackupCode(box, code!);
    expect(backupCodeMatches(box, stored, code!)).toBe(true);
    expect(backupCodeMatches(box, stored, other!)).toBe(false);
    const otherServer = new SecretBox([{ id: 'k1', key: randomBytes(32).toString('base64') }]);
    expect(backupCodeMatches(otherServer, stored, code!)).toBe(false);
  });
});

describe.each(STORAGE_DIALECTS)('backup codes in storage (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
  });
  afterAll(async () => server.close());

  it('lets exactly one of 50 parallel uses of one code through, and only live codes count', async () => {
    const ctx = server.app.securus;
    const { id } = await server.createUser({ username: `race-${dialect}`, password: 'correct horse battery staple' });
    const codes = await replaceBackupCodes(ctx, id);
    const canonical = codes[3]!.replace(/-/g, '');
    const results = await Promise.all(Array.from({ length: 50 }, () => consumeBackupCode(ctx, id, canonical)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await remainingBackupCodes(ctx, id)).toBe(9);
    expect(await consumeBackupCode(ctx, id, canonical)).toBe(false);
  });

  it('stores no code in plain, and regenerating kills every old code', async () => {
    const ctx = server.app.securus;
    const { id } = await server.createUser({ username: `regen-${dialect}`, password: 'correct horse battery staple' });
    const old = (await replaceBackupCodes(ctx, id)).map((code) => code.replace(/-/g, ''));
    const rows = await ctx.db.selectFrom('backup_codes').selectAll().where('user_id', '=', id).execute();
    const stored = JSON.stringify(rows);
    expect(old.some((code) => stored.includes(code))).toBe(false);
    const fresh = (await replaceBackupCodes(ctx, id)).map((code) => code.replace(/-/g, ''));
    expect(await consumeBackupCode(ctx, id, old[0]!)).toBe(false);
    expect(await consumeBackupCode(ctx, id, fresh[0]!)).toBe(true);
    expect(await remainingBackupCodes(ctx, id)).toBe(9);
  });
});
