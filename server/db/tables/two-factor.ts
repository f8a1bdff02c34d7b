/** One row per account with 2FA turned on. */
export interface TwoFactorTable {
  user_id: string;
  /** AES-256-GCM sealed base32 secret, prefixed by its key id (server/domain/secret-box.ts). */
  secret_sealed: string;
  enabled_at: number;
  /** RFC 6238 §5.2: only a strictly later step is accepted. */
  last_accepted_step: number | null;
  /** When a password reset's removal of 2FA takes effect (`delayed` policy); null when none is scheduled. */
  removal_due_at: number | null;
}
