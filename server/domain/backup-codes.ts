import { randomBytes } from 'node:crypto';
import { BACKUP_CODE_COUNT, BACKUP_CODE_LENGTH, formatBackupCode } from '../../shared/codes';
import type { ServerContext } from '../context';
import type { SecretBox } from './secret-box';
import { constantTimeEqual, newId, randomSymbols } from './tokens';

/** ASVS 4.0.3 2.6.2 asks for at least 32 bits of salt per code; 128 costs nothing more. */
const SALT_BYTES = 16;
const PURPOSE = 'backup-code';

export interface HashedBackupCode {
  keyId: string;
  salt: string;
  hash: string;
}

/** Ten codes from the CSPRNG in the shared format (`K7QX9-2MFPA-H3WZT`); canonical form, format for display. */
export function newBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => randomSymbols(BACKUP_CODE_LENGTH));
}

/** Keyed SHA-256 (HMAC under a server key kept outside the database) over a per-code salt and the code. */
export function hashBackupCode(box: SecretBox, canonicalCode: string, keyId = box.currentKeyId): HashedBackupCode {
  const salt = randomBytes(SALT_BYTES).toString('base64url');
  return { keyId, salt, hash: digest(box, keyId, salt, canonicalCode) };
}

export function backupCodeMatches(box: SecretBox, stored: HashedBackupCode, canonicalCode: string): boolean {
  return constantTimeEqual(
    Buffer.from(digest(box, stored.keyId, stored.salt, canonicalCode), 'base64url'),
    Buffer.from(stored.hash, 'base64url'),
  );
}

function digest(box: SecretBox, keyId: string, salt: string, code: string): string {
  return box.keyedDigest(keyId, PURPOSE, Buffer.from(`${salt}:${code}`, 'utf8')).toString('base64url');
}

/** Stores fresh codes for an enrollment (pending until confirmed) and returns them for display, once. */
export async function storePendingBackupCodes(
  ctx: ServerContext,
  userId: string,
  enrollmentId: string,
): Promise<string[]> {
  const codes = newBackupCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('backup_codes').where('enrollment_id', '=', enrollmentId).execute();
    await trx
      .insertInto('backup_codes')
      .values(
        codes.map((code) => ({
          id: newId(),
          user_id: userId,
          enrollment_id: enrollmentId,
          ...toRow(ctx.secretBox, code),
        })),
      )
      .execute();
  });
  return codes.map(formatBackupCode);
}

/** Regenerating replaces every old code of the account at once. */
export async function replaceBackupCodes(ctx: ServerContext, userId: string): Promise<string[]> {
  const codes = newBackupCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('backup_codes').where('user_id', '=', userId).where('enrollment_id', 'is', null).execute();
    await trx
      .insertInto('backup_codes')
      .values(
        codes.map((code) => ({ id: newId(), user_id: userId, enrollment_id: null, ...toRow(ctx.secretBox, code) })),
      )
      .execute();
  });
  return codes.map(formatBackupCode);
}

function toRow(box: SecretBox, code: string) {
  const hashed = hashBackupCode(box, code);
  return { key_id: hashed.keyId, salt: hashed.salt, hash: hashed.hash, used_at: null };
}

/**
 * Spends a backup code: find the matching unused code, then claim it with one conditional UPDATE (`used_at IS
 * NULL`). Of any number of parallel uses of one code, exactly one sees a row updated.
 */
export async function consumeBackupCode(ctx: ServerContext, userId: string, canonicalCode: string): Promise<boolean> {
  const candidates = await ctx.db
    .selectFrom('backup_codes')
    .select(['id', 'key_id', 'salt', 'hash'])
    .where('user_id', '=', userId)
    .where('enrollment_id', 'is', null)
    .where('used_at', 'is', null)
    .execute();
  let matchId: string | null = null;
  for (const row of candidates) {
    // Every candidate is checked, so the time taken does not reveal which one matched.
    if (backupCodeMatches(ctx.secretBox, { keyId: row.key_id, salt: row.salt, hash: row.hash }, canonicalCode)) {
      matchId = row.id;
    }
  }
  if (matchId === null) {
    return false;
  }
  const claimed = await ctx.db
    .updateTable('backup_codes')
    .set({ used_at: ctx.clock.now() })
    .where('id', '=', matchId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return claimed.numUpdatedRows === 1n;
}

export async function remainingBackupCodes(ctx: ServerContext, userId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('backup_codes')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('enrollment_id', 'is', null)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
