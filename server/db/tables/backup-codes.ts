/** Backup codes, only as keyed SHA-256 with a per-code salt. */
export interface BackupCodesTable {
  id: string;
  user_id: string;
  /** Set while the codes belong to an unconfirmed enrollment; null once they are the account's live codes. */
  enrollment_id: string | null;
  key_id: string;
  salt: string;
  hash: string;
  used_at: number | null;
}
