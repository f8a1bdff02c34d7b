import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import type { SecretKey } from '../config';

const VERSION = 'v1';

/**
 * AES-256-GCM for secrets at rest (TOTP secrets). The key lives outside the database; each sealed value carries
 * the id of the key that sealed it, so a new key can take over while older values still open.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(keys: SecretKey[]) {
    if (keys.length === 0) {
      throw new Error('SecretBox needs at least one key');
    }
    for (const { id, key } of keys) {
      const bytes = Buffer.from(key, 'base64');
      if (bytes.length !== 32) {
        throw new Error(`secret key ${id} is not 32 bytes`);
      }
      this.keys.set(id, bytes);
    }
    this.currentKeyId = keys[0]!.id;
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(`${VERSION}.${this.currentKeyId}`));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url'));
    return [VERSION, this.currentKeyId, ...parts].join('.');
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

  /** A keyed digest (HMAC-SHA-256 under a key derived for `purpose`), for look-up secrets such as backup codes. */
  keyedDigest(keyId: string, purpose: string, data: Buffer): Buffer {
    const derived = createHmac('sha256', this.key(keyId)).update(`securus:${purpose}`).digest();
    return createHmac('sha256', derived).update(data).digest();
  }

  private key(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) {
      throw new Error(`unknown secret key id ${id}`);
    }
    return key;
  }
}
