import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { preparedQuery } from '../db/prepared';

const recordStepIfLater = preparedQuery(['userId', 'step'], (db, p) =>
  db
    .updateTable('two_factor')
    .set({ last_accepted_step: p.step })
    .where('user_id', '=', p.userId)
    .where((eb) => eb.or([eb('last_accepted_step', 'is', null), eb('last_accepted_step', '<', p.step)])),
);

/**
 * RFC 6238 §5.2 and NIST "only once": a TOTP step is accepted only if it is strictly later than the last one
 * accepted for the account. Check and record are one conditional UPDATE, so two parallel uses of one code (even
 * on two server instances) cannot both pass.
 */
export async function recordAcceptedStep(db: Kysely<Database>, userId: string, step: number): Promise<boolean> {
  const result = await recordStepIfLater(db, { userId, step });
  return result.numAffectedRows === 1n;
}
