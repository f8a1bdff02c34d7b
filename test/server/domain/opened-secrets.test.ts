import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OpenedSecretCache } from '../../../server/domain/opened-secrets';
import { SecretBox } from '../../../server/domain/secret-box';
import { newTotpSecret, totpSecretBytes } from '../../../server/domain/totp';
import { authenticatorCode } from '../../support/reference-totp';

const key = (id: string) => ({ id, key: randomBytes(32).toString('base64') });

/** A real box that counts how often it opens a value. */
class CountingBox extends SecretBox {
  opened = 0;

  override open(sealed: string): string {
    this.opened += 1;
    return super.open(sealed);
  }
}

describe('OpenedSecretCache', () => {
  it('opens a sealed secret once while its entry lives, and gives its key bytes', () => {
    const box = new CountingBox([key('k1')]);
    const secret = newTotpSecret();
    const sealed = box.seal(secret);
    const cache = new OpenedSecretCache(10, 60_000);
    expect(cache.open(box, sealed, 0)).toEqual(totpSecretBytes(secret));
    expect(cache.open(box, sealed, 59_999)).toEqual(totpSecretBytes(secret));
    expect(box.opened).toBe(1);
  });

  it('opens again after its time, and forgets expired entries', () => {
    const box = new CountingBox([key('k1')]);
    const sealed = box.seal(newTotpSecret());
    const cache = new OpenedSecretCache(10, 60_000);
    const first = cache.open(box, sealed, 0);
    cache.open(box, box.seal(newTotpSecret()), 30_000);
    cache.open(box, sealed, 60_000);
    expect(box.opened).toBe(3);
    // The forgotten entry's bytes were wiped, not left for the collector.
    expect(first.every((byte) => byte === 0)).toBe(true);
    cache.open(box, box.seal(newTotpSecret()), 200_000);
    expect(cache.size).toBe(1);
  });

  it('never answers for a new sealed value (reset, new authenticator, rotation) with an old entry', () => {
    const box = new CountingBox([key('k1')]);
    const cache = new OpenedSecretCache(10, 60_000);
    const before = newTotpSecret();
    const after = newTotpSecret();
    expect(cache.open(box, box.seal(before), 0)).toEqual(totpSecretBytes(before));
    expect(cache.open(box, box.seal(after), 1)).toEqual(totpSecretBytes(after));
  });

  it('does not use an entry whose key the box no longer holds', async () => {
    let keys = [key('old')];
    const box = new CountingBox(keys, () => keys);
    const sealed = box.seal(newTotpSecret());
    const cache = new OpenedSecretCache(10, 60_000);
    cache.open(box, sealed, 0);
    keys = [key('new')];
    // The box looks at its key source again at most every half second.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(() => cache.open(box, sealed, 1)).toThrow(/unknown secret key id old/);
  });

  it('holds at most its bound, dropping the oldest first', () => {
    const box = new CountingBox([key('k1')]);
    const cache = new OpenedSecretCache(2, 60_000);
    const sealed = [0, 1, 2].map(() => box.seal(newTotpSecret()));
    sealed.forEach((value, index) => cache.open(box, value, index));
    expect(cache.size).toBe(2);
    cache.open(box, sealed[2]!, 3);
    cache.open(box, sealed[1]!, 3);
    expect(box.opened).toBe(3);
    cache.open(box, sealed[0]!, 4);
    expect(box.opened).toBe(4);
  });

  // The reference codes come from the tests' own RFC 6238 implementation (test/support), not from otplib.
  it('makes the codes around a step once per step, and anew when the step changes', () => {
    const box = new CountingBox([key('k1')]);
    const secret = newTotpSecret();
    const sealed = box.seal(secret);
    const cache = new OpenedSecretCache(10, 300_000);
    const now = 1_800_000_000_000;
    const first = cache.windowAt(box, sealed, now);
    expect(first.codes).toEqual(
      [1, 0, -1].map((offset) => ({
        step: now / 30_000 + offset,
        code: authenticatorCode(secret, now + offset * 30_000),
      })),
    );
    expect(cache.windowAt(box, sealed, now + 29_999)).toBe(first);
    const next = cache.windowAt(box, sealed, now + 30_000);
    expect(next.step).toBe(first.step + 1);
    expect(next.codes[0]!.code).toBe(authenticatorCode(secret, now + 60_000));
    expect(box.opened).toBe(1);
  });

  it('never answers from the codes of a secret the account no longer has', () => {
    const box = new CountingBox([key('k1')]);
    const [before, after] = [newTotpSecret(), newTotpSecret()];
    const cache = new OpenedSecretCache(10, 300_000);
    const now = 1_800_000_000_000;
    cache.windowAt(box, box.seal(before), now);
    const renewed = cache.windowAt(box, box.seal(after), now);
    expect(renewed.codes.map((entry) => entry.code)).toEqual(
      [1, 0, -1].map((offset) => authenticatorCode(after, now + offset * 30_000)),
    );
  });
});
