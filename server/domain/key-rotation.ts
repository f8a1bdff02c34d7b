import { sql } from 'kysely';
import type { ServerContext } from '../context';
import { sealedKeyId } from './secret-box';

/** How many stored values need each key: an old key can go once all three are 0. */
export interface KeyUsage {
  keyId: string;
  current: boolean;
  /** Whether this process has the key (false: some values can no longer be opened). */
  known: boolean;
  twoFactorSecrets: number;
  pendingSetups: number;
  /**
   * Unused backup codes hashed under the key. A code is stored only as a keyed hash, so it cannot be hashed anew
   * under another key: the key stays until these codes are spent or regenerated (or the account's 2FA is reset).
   */
  unusedBackupCodes: number;
}

export interface ResealProgress {
  resealed: number;
  /** Changed by a server between read and write (a new authenticator, a setup confirmed): sealed anew by it. */
  changedMeanwhile: number;
  /** Sealed under a key this process does not have. */
  unreadable: number;
}

/** What rotation uses: the storage and a SecretBox holding the new current key and the old ones. */
export type KeyContext = Pick<ServerContext, 'db' | 'secretBox'>;

const SEALED_TABLES = [
  { table: 'two_factor', id: 'user_id' },
  { table: 'enrollments', id: 'id' },
] as const;

export async function keyUsage(ctx: KeyContext): Promise<KeyUsage[]> {
  const usage = new Map<string, KeyUsage>();
  const entry = (keyId: string) => {
    let found = usage.get(keyId);
    if (!found) {
      const known = ctx.secretBox.keyIds.includes(keyId);
      found = { keyId, current: false, known, twoFactorSecrets: 0, pendingSetups: 0, unusedBackupCodes: 0 };
      usage.set(keyId, found);
    }
    return found;
  };
  ctx.secretBox.keyIds.forEach(entry);
  entry(ctx.secretBox.currentKeyId).current = true;
  for (const { table } of SEALED_TABLES) {
    // The key id is the second dot-separated field of every sealed value (v1.<id>.…), read by the same rule as
    // SecretBox; counting happens here rather than in SQL so both dialects share it.
    const rows = await ctx.db.selectFrom(table).select('secret_sealed').execute();
    for (const row of rows) {
      const counts = entry(sealedKeyId(row.secret_sealed) ?? '(not sealed)');
      if (table === 'two_factor') {
        counts.twoFactorSecrets += 1;
      } else {
        counts.pendingSetups += 1;
      }
    }
  }
  const codes = await ctx.db
    .selectFrom('backup_codes')
    .select(['key_id', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('used_at', 'is', null)
    .groupBy('key_id')
    .execute();
  for (const row of codes) {
    entry(row.key_id).unusedBackupCodes += Number(row.count);
  }
  return [...usage.values()];
}

/**
 * Seals every TOTP secret (live and pending) again under the current key, `batchSize` rows at a time with a pause
 * between batches, while servers keep signing people in. Each row is rewritten by a conditional UPDATE (only if it
 * still holds the value that was read), so a secret a server changed meanwhile is never overwritten with an old
 * one; no lock is held across a batch, and a sign-in reading the old value still opens it with the old key.
 */
export async function resealSecrets(
  ctx: KeyContext,
  options: { batchSize: number; pauseMs: number; onBatch?: (progress: ResealProgress) => void },
): Promise<ResealProgress> {
  const progress: ResealProgress = { resealed: 0, changedMeanwhile: 0, unreadable: 0 };
  const currentPrefix = () => `v1.${ctx.secretBox.currentKeyId}.`;
  for (const { table, id } of SEALED_TABLES) {
    let after = '';
    for (;;) {
      const prefix = currentPrefix();
      const { rows } = await sql<{ id: string; secret_sealed: string }>`
        select ${sql.ref(id)} as id, secret_sealed from ${sql.table(table)}
        where ${sql.ref(id)} > ${after} and substr(secret_sealed, 1, ${prefix.length}) <> ${prefix}
        order by ${sql.ref(id)} limit ${options.batchSize}
      `.execute(ctx.db);
      if (rows.length === 0) {
        break;
      }
      for (const row of rows) {
        let resealed: string;
        try {
          resealed = ctx.secretBox.seal(ctx.secretBox.open(row.secret_sealed));
        } catch {
          progress.unreadable += 1;
          continue;
        }
        const written = await sql`
          update ${sql.table(table)} set secret_sealed = ${resealed}
          where ${sql.ref(id)} = ${row.id} and secret_sealed = ${row.secret_sealed}
        `.execute(ctx.db);
        if (written.numAffectedRows === 1n) {
          progress.resealed += 1;
        } else {
          progress.changedMeanwhile += 1;
        }
      }
      after = rows[rows.length - 1]!.id;
      options.onBatch?.(progress);
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }
  return progress;
}
