export interface SecurityEventsTable {
  id: string;
  user_id: string | null;
  type: string;
  at: number;
  ip_address: string | null;
  /** How a sign-in was made, or why an attempt was refused (audit reason); null when none was given. */
  reason: string | null;
}
