import type { ColumnType } from 'kysely';

/** `setup` turns 2FA on; `replace_authenticator` swaps the secret of an account whose 2FA stays on. */
export type EnrollmentPurpose = 'setup' | 'replace_authenticator';

/** A pending 2FA setup: nothing here counts until it is confirmed, and it dies after 10 minutes. */
export interface EnrollmentsTable {
  id: string;
  user_id: string;
  secret_sealed: string;
  created_at: number;
  expires_at: number;
  /** The step of the code that verified it, carried into two_factor so that code cannot log in again. */
  verified_step: number | null;
  /** Defaults to `setup` in the database (migration 0005). */
  purpose: ColumnType<EnrollmentPurpose, EnrollmentPurpose | undefined, EnrollmentPurpose>;
}
