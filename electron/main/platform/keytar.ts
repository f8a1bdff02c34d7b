import { createRequire } from 'node:module';
import type { KeytarApi } from '../services/secret-store';

/**
 * keytar is an optional native addon (it compiles against libsecret, which a fresh machine lacks, and must never
 * break `npm ci`). Loaded only when the console starts: missing or broken means "no keychain", which the secret
 * store turns into memory-only storage with a notice. `resolveFrom` is where Node starts looking for it.
 */
export function loadKeytar(resolveFrom: string | URL = import.meta.url): KeytarApi | null {
  try {
    return createRequire(resolveFrom)('keytar') as KeytarApi;
  } catch {
    return null;
  }
}
