import { sealedKeyId, type SecretBox } from './secret-box';
import { totpSecretBytes } from './totp';

/** As long as a sign-in challenge lives (LOGIN_CHALLENGE_TTL_MS in login.ts, which imports this module). */
const KEEP_MS = 5 * 60_000;

interface OpenedSecret {
  bytes: Uint8Array;
  until: number;
}

/**
 * TOTP secrets already opened (AES-GCM) and decoded, by sealed value, for a sign-in challenge's life at most. A wrong
 * code is most often followed by another on the same challenge (a typo, or a guesser), and opening the secret was the
 * largest single cost of checking a code. Keyed by the sealed text that the caller has just read from storage: a
 * reset, a new authenticator or a key rotation changes that text, so an entry can never answer for a secret the
 * account no longer has; and an entry whose key has since been dropped is not used.
 */
export class OpenedSecretCache {
  readonly #entries = new Map<string, OpenedSecret>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly keepMs = KEEP_MS,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  open(box: SecretBox, sealed: string, now: number): Uint8Array {
    this.#forgetExpired(now);
    const known = this.#entries.get(sealed);
    if (known && box.holdsKey(sealedKeyId(sealed) ?? '')) {
      return known.bytes;
    }
    const bytes = totpSecretBytes(box.open(sealed));
    if (this.#entries.size >= this.maxEntries) {
      this.#forget(this.#entries.keys().next().value!);
    }
    this.#entries.set(sealed, { bytes, until: now + this.keepMs });
    return bytes;
  }

  // Entries are added in time order with the same lifetime, so the expired ones are at the front.
  #forgetExpired(now: number): void {
    for (const [sealed, entry] of this.#entries) {
      if (entry.until > now) {
        return;
      }
      this.#forget(sealed);
    }
  }

  #forget(sealed: string): void {
    this.#entries.get(sealed)?.bytes.fill(0);
    this.#entries.delete(sealed);
  }
}

const cacheOf = new WeakMap<SecretBox, OpenedSecretCache>();

/** The opened secret of `sealed`, through the cache that belongs with this box. */
export function openTotpSecret(box: SecretBox, sealed: string, now: number): Uint8Array {
  let cache = cacheOf.get(box);
  if (!cache) {
    cache = new OpenedSecretCache();
    cacheOf.set(box, cache);
  }
  return cache.open(box, sealed, now);
}
