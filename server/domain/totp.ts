import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { generateSync as hotpCodeSync } from '@otplib/hotp';
import { ScureBase32Plugin, createGuardrails, generateSecret, type CryptoPlugin } from 'otplib';
import { TOTP_DIGITS, TOTP_PERIOD_SECONDS } from '../../shared/codes';
import { constantTimeEqual } from './tokens';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: number;
  periodSeconds: number;
}

/** What Google and Microsoft Authenticator expect (SECURITY.md): SHA-1, 6 digits, 30-second steps. */
export const AUTHENTICATOR_TOTP: TotpParameters = {
  algorithm: 'sha1',
  digits: TOTP_DIGITS,
  periodSeconds: TOTP_PERIOD_SECONDS,
};

/** Current step ±1: one step of clock drift either way, as RFC 6238 §5.2 recommends at most. */
export const TOTP_WINDOW_STEPS = 1;

/**
 * otplib's default HMAC is pure JavaScript; node:crypto (OpenSSL) does the same HMAC about ten times faster, which
 * is most of the cost of checking a code. Same algorithm, same results: the RFC vectors run through this.
 */
const nodeCrypto: CryptoPlugin = {
  name: 'node',
  algorithms: ['sha1', 'sha256', 'sha512'],
  hmac: (algorithm, key, data) => createHmac(algorithm, key).update(data).digest(),
  randomBytes: (length) => randomBytes(length),
  constantTimeEqual: (a, b) => {
    const left = typeof a === 'string' ? Buffer.from(a) : Buffer.from(a);
    const right = typeof b === 'string' ? Buffer.from(b) : Buffer.from(b);
    return left.length === right.length && timingSafeEqual(left, right);
  },
};

const base32 = new ScureBase32Plugin();
/** otplib's default limits (secret length, counter range), made once: its TOTP entry point rebuilds them per call. */
const guardrails = createGuardrails();

/** 160 bits from the CSPRNG as 32 base32 characters (RFC 4226 asks for at least 128). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20, crypto: nodeCrypto });
}

/** The key bytes of a base32 secret, to decode once when the same secret is checked again and again. */
export function totpSecretBytes(secret: string): Uint8Array {
  return base32.decode(secret);
}

export function totpStep(epochMs: number, parameters: TotpParameters = AUTHENTICATOR_TOTP): number {
  return Math.floor(epochMs / 1000 / parameters.periodSeconds);
}

/**
 * The code for one step; a base32 string or raw key bytes (the RFC vectors use raw ASCII seeds). A TOTP code is the
 * HOTP code of its step (RFC 6238 §4), so this calls otplib's HOTP generator with the step as the counter: the same
 * otplib code as its TOTP entry point, without that entry point re-reading and re-checking every option per call,
 * which cost more than the HMAC on the sign-in path.
 */
export function totpCodeAtStep(
  secret: string | Uint8Array,
  step: number,
  parameters: TotpParameters = AUTHENTICATOR_TOTP,
): string {
  return hotpCodeSync({
    secret: typeof secret === 'string' ? totpSecretBytes(secret) : secret,
    counter: step,
    algorithm: parameters.algorithm,
    digits: parameters.digits,
    crypto: nodeCrypto,
    guardrails,
  });
}

/** The codes of the steps a code may match around one step (±TOTP_WINDOW_STEPS), newest first. */
export interface TotpWindow {
  step: number;
  codes: ReadonlyArray<{ step: number; code: string }>;
}

/** The window's codes for `step`, the server's current one: a step below 0 has none. */
export function totpWindow(
  secret: string | Uint8Array,
  step: number,
  parameters: TotpParameters = AUTHENTICATOR_TOTP,
): TotpWindow {
  // Decoded once for the three steps rather than once per step.
  const key = typeof secret === 'string' ? totpSecretBytes(secret) : secret;
  const codes: Array<{ step: number; code: string }> = [];
  for (let offset = TOTP_WINDOW_STEPS; offset >= -TOTP_WINDOW_STEPS; offset -= 1) {
    if (step + offset >= 0) {
      codes.push({ step: step + offset, code: totpCodeAtStep(key, step + offset, parameters) });
    }
  }
  return { step, codes };
}

/**
 * The step of the window whose code matches, newest first; null when none does. Every code of the window is compared
 * in constant time, so the answer's timing does not tell which step matched.
 */
export function matchInWindow(window: TotpWindow, code: string): number | null {
  let matched: number | null = null;
  for (const candidate of window.codes) {
    if (constantTimeEqual(candidate.code, code) && matched === null) {
      matched = candidate.step;
    }
  }
  return matched;
}

/**
 * The step whose code matches, looking at the server's current step ±1 (never a time the client sends); null when
 * none does. Replay is decided by the caller, atomically in storage (recordAcceptedStep).
 */
export function matchTotpCode(input: {
  secret: string | Uint8Array;
  code: string;
  nowMs: number;
  parameters?: TotpParameters;
}): number | null {
  const parameters = input.parameters ?? AUTHENTICATOR_TOTP;
  return matchInWindow(totpWindow(input.secret, totpStep(input.nowMs, parameters), parameters), input.code);
}

/**
 * `otpauth://totp/Issuer:account?secret=…` with issuer and account percent-encoded, so a username holding `:`,
 * `&`, `?`, `#`, spaces or `&secret=` stays inside the label and cannot add or override a parameter.
 */
export function otpauthUri(input: { issuer: string; account: string; secret: string }): string {
  const issuer = encodeURIComponent(input.issuer);
  const label = `${issuer}:${encodeURIComponent(input.account)}`;
  const query = [
    `secret=${encodeURIComponent(input.secret)}`,
    `issuer=${issuer}`,
    `algorithm=${AUTHENTICATOR_TOTP.algorithm.toUpperCase()}`,
    `digits=${AUTHENTICATOR_TOTP.digits}`,
    `period=${AUTHENTICATOR_TOTP.periodSeconds}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
