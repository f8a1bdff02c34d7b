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

/**
 * Hashing runs through a bounded queue: `concurrency` hashes at a time and at most `queueLimit` waiting. Past
 * that the caller gets server_busy at once (a fast 503 with Retry-After) instead of joining a growing pile.
 */
export class PasswordHasher {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly limits: { concurrency: number; queueLimit: number }) {}

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
    if (this.running >= this.limits.concurrency && this.waiting.length >= this.limits.queueLimit) {
      throw new SecurusError('server_busy', { retryAfterSeconds: 1 });
    }
  }

  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  private async schedule<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      this.assertCapacity();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) {
        next(); // the slot passes straight to the next job; `running` stays the same
      } else {
        this.running -= 1;
      }
    }
  }
}
