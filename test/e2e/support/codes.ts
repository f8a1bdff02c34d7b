import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { authenticatorCode } from '../../support/reference-totp';

const PERIOD_MS = 30_000;

/**
 * The server accepts each TOTP step once per account (RFC 6238 §5.2) and only the current step ±1. This clock
 * hands out codes for strictly later steps, waiting for the server's clock only when a test has used them up.
 */
export class AuthenticatorApp {
  private lastStep = -Infinity;

  constructor(readonly secret: string) {}

  async nextCode(): Promise<string> {
    let current = Math.floor(Date.now() / PERIOD_MS);
    let step = Math.max(current, this.lastStep + 1);
    while (step > current + 1) {
      await new Promise((resolve) => setTimeout(resolve, (current + 1) * PERIOD_MS - Date.now() + 50));
      current = Math.floor(Date.now() / PERIOD_MS);
      step = Math.max(current, this.lastStep + 1);
    }
    this.lastStep = step;
    return authenticatorCode(this.secret, step * PERIOD_MS);
  }

  /** A code no step near now produces, for the wrong-code paths. */
  wrongCode(): string {
    const now = Date.now();
    const near = new Set([-1, 0, 1].map((offset) => authenticatorCode(this.secret, now + offset * PERIOD_MS)));
    for (let candidate = 0; ; candidate += 1) {
      const code = String(candidate).padStart(6, '0');
      if (!near.has(code)) {
        return code;
      }
    }
  }
}

/** The newest `Reset code: …` line in the outbox's .eml files, as the supervisor reads it from the mail. */
export async function readResetCode(outboxDir: string, notBefore = 0): Promise<string> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const names = (await readdir(outboxDir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml'));
    const found: { at: number; code: string }[] = [];
    for (const name of names) {
      const text = (await readFile(join(outboxDir, name), 'utf8')).replace(/=\r?\n/g, '');
      const match = /^Reset code: ([A-Z0-9-]+)\s*$/m.exec(text);
      const at = Number(name.split('-')[0]);
      if (match?.[1] && at >= notBefore) {
        found.push({ at, code: match[1] });
      }
    }
    found.sort((a, b) => b.at - a.at);
    if (found[0]) {
      return found[0].code;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no reset mail in ${outboxDir}`);
}
