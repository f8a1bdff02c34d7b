export interface SecurityEventsTable {
  id: string;
  user_id: string | null;
  type: string;
  at: number;
  ip_address: string | null;
}
