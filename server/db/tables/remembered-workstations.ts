export interface RememberedWorkstationsTable {
  id: string;
  /** SHA-256 of the device token; the token itself is never stored. */
  token_hash: string;
  user_id: string;
  /** The workstation's name as the console sent it, for the owner's list. */
  label: string;
  created_at: number;
  /** The last sign-in that skipped the second factor with it; null until the first. */
  last_used_at: number | null;
  expires_at: number;
}
