import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../server/domain/secret-box';

const key = (id: string) => ({ id, key: randomBytes(32).toString('base64') });

describe('SecretBox (AES-256-GCM with key ids)', () => {
  it('seals and opens, with a fresh IV each time and no plaintext in the output', () => {
    const box = new SecretBox([key('k1')]);
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const first = box.seal(secret);
    const second = box.seal(secret);
    expect(first).not.toBe(second);
    expect(first).not.toContain(secret);
    expect(first.split('.').slice(0, 2)).toEqual(['v1', 'k1']);
    expect(box.open(first)).toBe(secret);
  });

  it('refuses a tampered ciphertext or a swapped key id', () => {
    const box = new SecretBox([key('k1'), key('k0')]);
    const sealed = box.seal('JBSWY3DPEHPK3PXP');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0]! ^= 1;
    expect(() => box.open([...parts.slice(0, 4), body.toString('base64url')].join('.'))).toThrow();
    expect(() => box.open(['v1', 'k0', ...parts.slice(2)].join('.'))).toThrow();
  });

  it('opens values sealed under an older key after rotation, and seals new ones under the current key', () => {
    const old = key('2025');
    const sealedBefore = new SecretBox([old]).seal('secret-from-2025');
    const rotated = new SecretBox([key('2026'), old]);
    expect(rotated.open(sealedBefore)).toBe('secret-from-2025');
    expect(rotated.seal('x').split('.')[1]).toBe('2026');
    expect(() => new SecretBox([key('2026')]).open(sealedBefore)).toThrow(/unknown secret key id 2025/);
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new SecretBox([{ id: 'short', key: randomBytes(16).toString('base64') }])).toThrow(/32 bytes/);
  });
});
