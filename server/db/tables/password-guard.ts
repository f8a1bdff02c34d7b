/** Consecutive failed password checks of one account (`account:<id>`, `unknown:<digest>`) or one address (`ip:<addr>`). */
export interface PasswordGuardTable {
  key: string;
  /** Reserved before each check and cleared by a right password, so parallel guesses cannot overshoot. */
  failures: number;
  /** No password is evaluated for this key before then. */
  blocked_until: number | null;
  last_failure_at: number;
}
