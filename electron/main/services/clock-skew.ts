import type { ApiClient } from './api-client';

/**
 * Workstation clock minus server clock, in seconds, corrected for half the round trip. A skew beyond ±30 s is the
 * usual reason an authenticator's codes are refused, so the console warns about it. Null when /time fails.
 */
export async function measureClockSkew(api: ApiClient, now: () => number = Date.now): Promise<number | null> {
  try {
    const sent = now();
    const answer = await api.call('time', undefined);
    const received = now();
    const serverAtReceipt = answer.epochMs + (received - sent) / 2;
    return Math.round((received - serverAtReceipt) / 100) / 10;
  } catch {
    return null;
  }
}
