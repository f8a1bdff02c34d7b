import { createRequire } from 'node:module';
import type { KeytarApi } from '../services/secret-store';

/**
 * keytar is a native addon: loaded only when the console starts, and a missing or broken build (or a system
 * without libsecret) means "no keychain", which the secret store turns into memory-only storage.
 */
export function loadKeytar(): KeytarApi | null {
  try {
    return createRequire(import.meta.url)('keytar') as KeytarApi;
  } catch {
    return null;
  }
}
