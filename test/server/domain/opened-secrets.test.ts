import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OpenedSecretCache } from '../../../server/domain/opened-secrets';
import { SecretBox } from '../../../server/domain/secret-box';
import { newTotpSecret, totpSecretBytes } from '../../../server/domain/totp';

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
});
