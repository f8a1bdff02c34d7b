/** Fixed-window counters kept in the database, so every server instance sees the same count. */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  hits: number;
}
