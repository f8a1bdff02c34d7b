import { RESET_CODE_LENGTH, normalizeResetCode } from '../../shared/codes';
import type { ServerContext } from '../context';
import { randomSymbols, tokenDigest } from './tokens';

/** OWASP Forgot Password: short-lived and single-use. */
export const RESET_TOKEN_TTL_MINUTES = 30;

/**
 * A new reset code: 20 symbols of the backup-code alphabet (≈99 bits), typed by people from the mail. It replaces
 * any earlier code of the account; only its SHA-256 is stored.
 */
export async function issueResetToken(ctx: ServerContext, userId: string): Promise<string> {
  const code = randomSymbols(RESET_CODE_LENGTH);
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('reset_tokens').where('user_id', '=', userId).execute();
    await trx
      .insertInto('reset_tokens')
      .values({
        token_hash: tokenDigest(code),
        user_id: userId,
        created_at: now,
        expires_at: now + RESET_TOKEN_TTL_MINUTES * 60_000,
        used_at: null,
      })
      .execute();
  });
  return code;
}

/** The live (unused, unexpired) code as typed (any case, spaces or dashes): its digest and account, or null. */
export async function findLiveResetToken(ctx: ServerContext, typed: string) {
  const code = normalizeResetCode(typed);
  if (code === null) {
    return null;
  }
  const tokenHash = tokenDigest(code);
  const row = await ctx.db
    .selectFrom('reset_tokens')
    .select(['user_id'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', ctx.clock.now())
    .executeTakeFirst();
  return row ? { tokenHash, userId: row.user_id } : null;
}

/** Spends the code with one conditional UPDATE: of parallel uses, exactly one gets true. */
export async function claimResetToken(ctx: ServerContext, tokenHash: string): Promise<boolean> {
  const now = ctx.clock.now();
  const claimed = await ctx.db
    .updateTable('reset_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return claimed.numUpdatedRows === 1n;
}
