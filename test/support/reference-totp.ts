import { createHmac } from 'node:crypto';

/**
 * An independent RFC 4226 / RFC 6238 implementation for tests, written from the RFCs with node:crypto alone, so a
 * test never checks the server's TOTP code against the same library that produced it.
 */
export function hotp(key: Buffer, counter: number, digits = 6, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

export function totp(
  key: Buffer,
  epochSeconds: number,
  options: { digits?: number; period?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {},
): string {
  const { digits = 6, period = 30, algorithm = 'sha1' } = options;
  return hotp(key, Math.floor(epochSeconds / period), digits, algorithm);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(input: string): Buffer {
  const clean = input.replace(/[\s=]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const bytes: number[] = [];
  for (const symbol of clean) {
    const index = BASE32.indexOf(symbol);
    if (index < 0) {
      throw new Error(`not base32: ${symbol}`);
    }
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** The code an authenticator app shows for a base32 secret at a time in milliseconds. */
export function authenticatorCode(base32Secret: string, epochMs: number): string {
  return totp(base32Decode(base32Secret), Math.floor(epochMs / 1000));
}

/** The secret inside an otpauth:// URI, read the way an authenticator app reads it. */
export function secretFromOtpauthUri(uri: string): string {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) {
    throw new Error('otpauth URI without a secret');
  }
  return secret;
}
