import type { Generated } from 'kysely';

export interface SessionsTable {
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  absolute_expires_at: number;
  /** Until when 2FA changes need no password again (step-up); null when a password is needed. */
  reauth_until: number | null;
  /** Wrong passwords given for step-up in this session; the fifth ends it (its holder is likely not its owner). */
  wrong_passwords: Generated<number>;
  /** 1: the account must set up 2FA (grace over) and this session may do only that; 0: a full session. */
  setup_only: Generated<number>;
}
