import type { Generated } from 'kysely';
import type { UserRole } from '../../../shared/api/common';

/** Times are epoch milliseconds everywhere in storage: one representation for SQLite and PostgreSQL. */
export interface UsersTable {
  id: string;
  username: string;
  /** What sign-in looks the account up by: `canonicalUsername` (RFC 8265). Not unique: see 0004-username-keys. */
  username_key: string | null;
  email: string;
  display_name: string;
  password_hash: string;
  created_at: number;
  /** Consecutive failed second-factor attempts, reserved before each check (SECURITY.md: cannot overshoot). */
  second_factor_failures: Generated<number>;
  locked_until: number | null;
  /** When a setup was verified but not yet confirmed or cancelled (0007-unfinished-setup); null otherwise. */
  unfinished_setup_verified_at: number | null;
  /** 'supervisor' or 'admin' (0008-roles-and-required-setup). */
  role: Generated<UserRole>;
  /** The first sign-in while SECURUS_REQUIRE_2FA was on: the grace period counts from here. */
  two_factor_grace_started_at: number | null;
}
