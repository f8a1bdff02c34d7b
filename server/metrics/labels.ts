import type { SecurityEventType } from '../../shared/api/two-factor';
import { SecurusError } from '../../shared/errors';

export type SignInStep = 'password' | 'second_factor';

/** The outcome label of a sign-in step: its answer's status, or the error code (a fixed set in shared/errors.ts). */
export function signInOutcome(result: { status: string } | null, error: unknown): string {
  if (result) {
    return result.status;
  }
  return error instanceof SecurusError ? error.code : 'internal_error';
}

type SecondFactorLabels = { method: 'totp' | 'backup_code' | 'unknown'; outcome: string };

/** Audit reasons of second-factor events (server/domain/second-factor.ts) as bounded labels. */
const FAILURE_LABELS: Record<string, SecondFactorLabels> = {
  wrong_code: { method: 'totp', outcome: 'wrong' },
  wrong_backup_code: { method: 'backup_code', outcome: 'wrong' },
  malformed_code: { method: 'unknown', outcome: 'malformed' },
  locked: { method: 'unknown', outcome: 'locked' },
  two_factor_off: { method: 'totp', outcome: 'two_factor_off' },
};

export function secondFactorLabels(type: SecurityEventType, reason: string | undefined): SecondFactorLabels | null {
  switch (type) {
    case 'second_factor_succeeded':
      return { method: reason === 'backup_code' ? 'backup_code' : 'totp', outcome: 'accepted' };
    case 'second_factor_replayed':
      return { method: 'totp', outcome: 'replayed' };
    case 'second_factor_failed':
      return FAILURE_LABELS[reason ?? ''] ?? { method: 'unknown', outcome: 'other' };
    default:
      return null;
  }
}
