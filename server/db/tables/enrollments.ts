/** A pending 2FA setup: nothing here counts until it is confirmed, and it dies after 10 minutes. */
export interface EnrollmentsTable {
  id: string;
  user_id: string;
  secret_sealed: string;
  created_at: number;
  expires_at: number;
  /** The step of the code that verified it, carried into two_factor so that code cannot log in again. */
  verified_step: number | null;
}
