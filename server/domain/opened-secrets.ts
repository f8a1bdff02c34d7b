import { sealedKeyId, type SecretBox } from './secret-box';
import { totpSecretBytes, totpStep, totpWindow, type TotpWindow } from './totp';

/** As long as a sign-in challenge lives (LOGIN_CHALLENGE_TTL_MS in login.ts, which imports this module). */
const KEEP_MS = 5 * 60_000;

interface OpenedSecret {
  bytes: Uint8Array;
  until: number;
  /** The codes around the step last asked for: every answer within one 30-second step is checked against them. */
  window?: TotpWindow;
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
    return this.#entry(box, sealed, now).bytes;
  }

  /**
   * The authenticator codes around the step of `now` (AUTHENTICATOR_TOTP), made once per step: answers after the
   * first within a step, a typo's retry or a guesser's next try, compare against them without computing them again.
   */
  windowAt(box: SecretBox, sealed: string, now: number): TotpWindow {
    const entry = this.#entry(box, sealed, now);
    const step = totpStep(now);
    if (entry.window?.step !== step) {
      entry.window = totpWindow(entry.bytes, step);
    }
    return entry.window;
  }

  #entry(box: SecretBox, sealed: string, now: number): OpenedSecret {
    this.#forgetExpired(now);
    const known = this.#entries.get(sealed);
    if (known && box.holdsKey(sealedKeyId(sealed) ?? '')) {
      return known;
    }
    const bytes = totpSecretBytes(box.open(sealed));
    if (known) {
      this.#forget(sealed);
    } else if (this.#entries.size >= this.maxEntries) {
      this.#forget(this.#entries.keys().next().value!);
    }
    const entry: OpenedSecret = { bytes, until: now + this.keepMs };
    this.#entries.set(sealed, entry);
    return entry;
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

function cacheFor(box: SecretBox): OpenedSecretCache {
  let cache = cacheOf.get(box);
  if (!cache) {
    cache = new OpenedSecretCache();
    cacheOf.set(box, cache);
  }
  return cache;
}

/** The authenticator codes around `now` for `sealed`, through the cache that belongs with this box. */
export function totpWindowOf(box: SecretBox, sealed: string, now: number): TotpWindow {
  return cacheFor(box).windowAt(box, sealed, now);
}
