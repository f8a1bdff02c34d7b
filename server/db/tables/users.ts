import type { Generated } from 'kysely';

/** Times are epoch milliseconds everywhere in storage: one representation for SQLite and PostgreSQL. */
export interface UsersTable {
  id: string;
  username: string;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: number;
  /** Consecutive failed second-factor attempts, reserved before each check (SECURITY.md: cannot overshoot). */
  second_factor_failures: Generated<number>;
  locked_until: number | null;
}
