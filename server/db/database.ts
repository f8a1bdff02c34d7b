import type { Kysely } from 'kysely';
import type { DatabaseErrorCounts } from './error-counting';
import type { BackupCodesTable } from './tables/backup-codes';
import type { EnrollmentsTable } from './tables/enrollments';
import type { LoginChallengesTable } from './tables/login-challenges';
import type { PasswordGuardTable } from './tables/password-guard';
import type { RateLimitsTable } from './tables/rate-limits';
import type { RememberedWorkstationsTable } from './tables/remembered-workstations';
import type { ResetTokensTable } from './tables/reset-tokens';
import type { SecurityEventsTable } from './tables/security-events';
import type { SessionsTable } from './tables/sessions';
import type { TwoFactorTable } from './tables/two-factor';
import type { UsersTable } from './tables/users';

export interface Database {
  users: UsersTable;
  two_factor: TwoFactorTable;
  enrollments: EnrollmentsTable;
  backup_codes: BackupCodesTable;
  sessions: SessionsTable;
  login_challenges: LoginChallengesTable;
  reset_tokens: ResetTokensTable;
  security_events: SecurityEventsTable;
  rate_limits: RateLimitsTable;
  password_guard: PasswordGuardTable;
  remembered_workstations: RememberedWorkstationsTable;
}

export type StorageDialect = 'sqlite' | 'postgres';

/** The open storage: one Kysely instance, which dialect it speaks, and how to close it. */
export interface SecurusDatabase {
  db: Kysely<Database>;
  dialect: StorageDialect;
  close(): Promise<void>;
  /** Failed queries by kind (server/db/error-counting.ts), for the metrics; absent on storage opened elsewhere. */
  errors?: DatabaseErrorCounts;
}
