import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { SecurusError } from '../../shared/errors';

/** OWASP Password Storage: argon2id, m=19 MiB, t=2, p=1. (2 is Algorithm.Argon2id, a const enum.) */
export const ARGON2ID_OPTIONS = {
  algorithm: 2 as Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** What one hash is assumed to take until the first ones have been timed. */
const HASH_TIME_PRIOR_MS = 50;
/** Weight of the newest hash time in the running average: follows a change of load within a few logins. */
const HASH_TIME_SMOOTHING = 0.2;

export interface HashingLimits {
  concurrency: number;
  queueLimit: number;
  /**
   * A login is queued only if its expected wait (queued ahead × measured hash time) stays within this, and is
   * refused when its turn comes later than this after all.
   */
  maxQueueWaitMs?: number;
}

/**
 * Hashing runs through a bounded queue: `concurrency` hashes at a time, at most `queueLimit` waiting, and no more
 * waiting than `maxQueueWaitMs` can serve at the measured hash time. Past that the caller gets server_busy at once
 * (a fast 503 with Retry-After) instead of joining a pile, so the logins that are accepted stay fast.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private dummyHash: Promise<string> | undefined;
  private hashTimeMs = HASH_TIME_PRIOR_MS;
  /** Requests refused with server_busy since start (the metrics' securus_password_hash_shed_total). */
  private shed = 0;

  constructor(private readonly limits: HashingLimits) {}

  hash(password: string): Promise<string> {
    return this.schedule(() => hash(password, ARGON2ID_OPTIONS));
  }

  verify(passwordHash: string, password: string): Promise<boolean> {
    return this.schedule(() => verify(passwordHash, password));
  }

  /** Spends the same work as a real check, so an unknown username answers no faster than a wrong password. */
  async verifyAgainstNothing(password: string): Promise<false> {
    this.dummyHash ??= hash(randomBytes(16), ARGON2ID_OPTIONS);
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** Refuses at once when a hash could not even queue, before the caller spends database work on the request. */
  assertCapacity(): void {
    if (this.running < this.limits.concurrency) {
      return;
    }
    const waitMs = this.expectedWaitMs();
    const { queueLimit, maxQueueWaitMs } = this.limits;
    if (this.waiting.length >= queueLimit || (maxQueueWaitMs !== undefined && waitMs > maxQueueWaitMs)) {
      this.shed += 1;
      throw new SecurusError('server_busy', { retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) });
    }
  }

  get load(): { running: number; waiting: number; hashTimeMs: number; shed: number } {
    return { running: this.running, waiting: this.waiting.length, hashTimeMs: this.hashTimeMs, shed: this.shed };
  }

  /** For a job queued now: the rounds of `concurrency` hashes ahead of it (its own slot included), at full length. */
  private expectedWaitMs(): number {
    return Math.ceil((this.waiting.length + 1) / this.limits.concurrency) * this.hashTimeMs;
  }

  private async schedule<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      this.assertCapacity();
      const queuedAt = performance.now();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      const { maxQueueWaitMs } = this.limits;
      // The estimate admitted it, but hashes ran slower than measured (a burst before any timing, a busy machine):
      // one that waited past the bound is refused rather than made to wait a hash longer still.
      if (maxQueueWaitMs !== undefined && performance.now() - queuedAt > maxQueueWaitMs) {
        this.releaseSlot();
        this.shed += 1;
        throw new SecurusError('server_busy', {
          retryAfterSeconds: Math.max(1, Math.ceil(this.expectedWaitMs() / 1000)),
        });
      }
    } else {
      this.running += 1;
    }
    const started = performance.now();
    try {
      return await job();
    } finally {
      const tookMs = performance.now() - started;
      this.hashTimeMs += HASH_TIME_SMOOTHING * (tookMs - this.hashTimeMs);
      this.releaseSlot();
    }
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) {
      next(); // the slot passes straight to the next job; `running` stays the same
    } else {
      this.running -= 1;
    }
  }
}
