/** The half-finished login between a correct password and the second factor. */
export interface LoginChallengesTable {
  token_hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}
