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
    expect(hasher.load).toMatchObject({ running: 1, waiting: 2 });
    const started = performance.now();
    const overflow = await hasher.hash('a-password-4').catch((error: unknown) => error);
    expect(performance.now() - started).toBeLessThan(20);
    expect(overflow).toBeInstanceOf(SecurusError);
    expect((overflow as SecurusError).info).toMatchObject({ code: 'server_busy', retryAfterSeconds: 1 });
    expect(await Promise.all(accepted)).toHaveLength(3);
    expect(hasher.load).toMatchObject({ running: 0, waiting: 0 });
  });

  it('queues only as many hashes as the measured hash time serves within maxQueueWaitMs', async () => {
    const maxQueueWaitMs = 250;
    const hasher = new PasswordHasher({ concurrency: 1, queueLimit: 1_000, maxQueueWaitMs });
    for (const password of ['warm-up-1', 'warm-up-2', 'warm-up-3']) {
      await hasher.hash(password);
    }
    const { hashTimeMs } = hasher.load;
    expect(hashTimeMs).toBeGreaterThan(0);
    // One runs at once; each queued one waits a full hash per hash ahead of it (its own round included).
    const expectedAccepted = 1 + Math.min(1_000, Math.floor(maxQueueWaitMs / hashTimeMs));
    const started = performance.now();
    const outcomes = Array.from({ length: 40 }, (_unused, index) =>
      hasher.hash(`burst-${index}`).then(
        () => 'hashed',
        (error: unknown) => error,
      ),
    );
    const refusedAt = performance.now() - started;
    expect(hasher.load.running + hasher.load.waiting).toBe(Math.min(40, expectedAccepted));
    const results = await Promise.all(outcomes);
    const refused = results.filter((result) => result !== 'hashed');
    // Those admitted may still be refused at their turn if the machine slowed down meanwhile (next test).
    expect(refused.length).toBeGreaterThanOrEqual(40 - Math.min(40, expectedAccepted));
    expect(results[0]).toBe('hashed');
    expect(refusedAt).toBeLessThan(20);
    for (const error of refused) {
      expect(error).toBeInstanceOf(SecurusError);
      expect((error as SecurusError).info.code).toBe('server_busy');
      expect((error as SecurusError).info.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
  });

  it('without maxQueueWaitMs, queues up to queueLimit whatever the hash time', async () => {
    const hasher = new PasswordHasher({ concurrency: 1, queueLimit: 12 });
    const outcomes = Array.from({ length: 14 }, (_unused, index) =>
      hasher.hash(`deep-${index}`).then(
        () => 'hashed',
        (error: unknown) => (error as SecurusError).info.code,
      ),
    );
    expect(hasher.load).toMatchObject({ running: 1, waiting: 12 });
    expect((await Promise.all(outcomes)).filter((outcome) => outcome === 'server_busy')).toHaveLength(1);
  });

  it('refuses a queued hash whose turn comes later than maxQueueWaitMs, and keeps the slots flowing', async () => {
    // Before any timing the hasher assumes 50 ms a hash: with one slot, four fit within 200 ms of queue.
    const hasher = new PasswordHasher({ concurrency: 1, queueLimit: 10, maxQueueWaitMs: 200 });
    const outcomes = Array.from({ length: 6 }, (_unused, index) =>
      hasher.hash(`late-${index}`).then(
        () => 'hashed',
        (error: unknown) => (error as SecurusError).info,
      ),
    );
    expect(hasher.load).toMatchObject({ running: 1, waiting: 4 });
    // The event loop stalls for 300 ms (as on a machine saturated by other work): every queued hash is now late.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    const results = await Promise.all(outcomes);
    expect(results[0]).toBe('hashed');
    for (const refused of results.slice(1)) {
      expect(refused).toMatchObject({ code: 'server_busy' });
      expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    expect(hasher.load).toMatchObject({ running: 0, waiting: 0 });
    expect(await hasher.hash('after-the-stall')).toMatch(/^\$argon2id\$/);
  });
});
