import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SecretKey } from '../config';

const VERSION = 'v1';

/** The id of the key a value was sealed under (`v1.<id>.…`), or null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const [version, keyId] = sealed.split('.', 2);
  return version === VERSION && keyId ? keyId : null;
}

/** Gives the keys anew when their source changed since the last call (key rotation), null otherwise. */
export type KeyReloader = () => SecretKey[] | null;

/** How often the current key is looked up again at most: a rotation reaches a running server within this. */
const RELOAD_INTERVAL_MS = 500;

/**
 * AES-256-GCM for secrets at rest (TOTP secrets). The key lives outside the database; each sealed value carries
 * the id of the key that sealed it, so a new key can take over while older values still open.
 */
export class SecretBox {
  private keys = new Map<string, Buffer>();
  private current: string;
  private checkedAt = performance.now();

  /**
   * `reload` (the data directory's key file, server/secret-key.ts) lets `securus secret-key rotate` reach a running
   * server: a new current key is picked up within half a second, and a value sealed under a key this process has
   * not seen yet makes it look at once.
   */
  constructor(
    keys: SecretKey[],
    private readonly reload?: KeyReloader,
  ) {
    this.current = this.install(keys);
  }

  get currentKeyId(): string {
    if (this.reload && performance.now() - this.checkedAt > RELOAD_INTERVAL_MS) {
      this.refresh();
    }
    return this.current;
  }

  /** The ids of every key this box can open with, the current one first. */
  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  private install(keys: SecretKey[]): string {
    if (keys.length === 0) {
      throw new Error('SecretBox needs at least one key');
    }
    const installed = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      const bytes = Buffer.from(key, 'base64');
      if (bytes.length !== 32) {
        throw new Error(`secret key ${id} is not 32 bytes`);
      }
      installed.set(id, bytes);
    }
    this.keys = installed;
    return keys[0]!.id;
  }

  private refresh(): void {
    this.checkedAt = performance.now();
    const keys = this.reload?.();
    if (keys) {
      this.current = this.install(keys);
    }
  }

  seal(plaintext: string): string {
    const keyId = this.currentKeyId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
    return [VERSION, keyId, ...parts].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !keyId || iv === undefined || tag === undefined || body === undefined) {
      throw new Error('not a sealed value');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.key(keyId), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(`${VERSION}.${keyId}`));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Whether values sealed under `keyId` still open here: false once a rotation has dropped that key. */
  holdsKey(keyId: string): boolean {
    void this.currentKeyId; // looks at the key file again when its interval has passed
    return this.keys.has(keyId);
  }

  /** A keyed digest (HMAC-SHA-256 under a key derived for `purpose`), for look-up secrets such as backup codes. */
  keyedDigest(keyId: string, purpose: string, data: Buffer): Buffer {
    const derived = createHmac('sha256', this.key(keyId)).update(`securus:${purpose}`).digest();
    return createHmac('sha256', derived).update(data).digest();
  }

  private key(id: string): Buffer {
    let key = this.keys.get(id);
    if (!key && this.reload) {
      this.refresh();
      key = this.keys.get(id);
    }
    if (!key) {
      throw new Error(`unknown secret key id ${id}`);
    }
    return key;
  }
}
