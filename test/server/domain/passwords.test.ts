import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../../server/domain/passwords';
import { SecurusError } from '../../../shared/errors';

describe('PasswordHasher', () => {
  it('hashes with argon2id m=19456 KiB, t=2, p=1 and verifies', async () => {
    const hasher = new PasswordHasher({ concurrency: 2, queueLimit: 4 });
    const hash = await hasher.hash('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(hash, 'correct horse battery stapler')).toBe(false);
    expect(await hasher.verifyAgainstNothing('anything')).toBe(false);
  });

  it('answers server_busy at once when the queue is full, and serves the queued work', async () => {
    const hasher = new PasswordHasher({ concurrency: 1, queueLimit: 2 });
    const accepted = [hasher.hash('a-password-1'), hasher.hash('a-password-2'), hasher.hash('a-password-3')];
    expect(hasher.load).toEqual({ running: 1, waiting: 2 });
    const started = performance.now();
    const overflow = await hasher.hash('a-password-4').catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(20);
    expect(overflow).toBeInstanceOf(SecurusError);
    expect((overflow as SecurusError).info).toMatchObject({ code: 'server_busy', retryAfterSeconds: 1 });
    expect(await Promise.all(accepted)).toHaveLength(3);
    expect(hasher.load).toEqual({ running: 0, waiting: 0 });
  });
});
