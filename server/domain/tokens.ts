import { hash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { BACKUP_CODE_ALPHABET } from '../../shared/codes';

/** A bearer token: 256 bits from the CSPRNG, base64url. */
export function newOpaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are looked up by this digest; a database leak yields nothing that can be presented. */
export function tokenDigest(token: string): string {
  // The one-shot digest: every authenticated request and 2FA answer makes one, at half createHash's cost.
  return hash('sha256', token, 'hex');
}

export function newId(): string {
  return randomUUID();
}

/** Symbols from the look-alike-free alphabet, drawn without modulo bias. */
export function randomSymbols(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += BACKUP_CODE_ALPHABET[randomInt(BACKUP_CODE_ALPHABET.length)];
  }
  return out;
}

/** Constant-time comparison after the length check that timingSafeEqual needs. */
export function constantTimeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const left = typeof a === 'string' ? Buffer.from(a, 'utf8') : a;
  const right = typeof b === 'string' ? Buffer.from(b, 'utf8') : b;
  return left.length === right.length && timingSafeEqual(left, right);
}
