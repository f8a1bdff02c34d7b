/**
 * The formats of the codes people type: 6-digit TOTP codes and backup codes. Normalisers accept what people
 * paste ("123 456", "k7qx9-2mfpa-h3wzt") and return the canonical form, or null when the input is not one.
 */

export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_ALGORITHM = 'SHA1';

/** No 0/O and no 1/I/L, so a code read off paper cannot be mistyped into another valid one. */
export const BACKUP_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const BACKUP_CODE_GROUPS = 3;
export const BACKUP_CODE_GROUP_LENGTH = 5;
export const BACKUP_CODE_LENGTH = BACKUP_CODE_GROUPS * BACKUP_CODE_GROUP_LENGTH;
/** 15 symbols of a 31-symbol alphabet: log2(31) × 15 ≈ 74 bits, above the 64 bits NIST 800-63B rev 4 asks for. */
export const BACKUP_CODE_BITS = Math.floor(Math.log2(BACKUP_CODE_ALPHABET.length) * BACKUP_CODE_LENGTH);
export const BACKUP_CODE_COUNT = 10;

const SEPARATORS = /[\s\u00a0\-\u2010-\u2015]/g;

export function normalizeTotpCode(input: string): string | null {
  const compact = input.replace(SEPARATORS, '');
  return new RegExp(`^\\d{${TOTP_DIGITS}}$`).test(compact) ? compact : null;
}

export function normalizeBackupCode(input: string): string | null {
  return normalizeAlphabetCode(input, BACKUP_CODE_LENGTH);
}

/** Backup and reset codes share one alphabet and one reading: case, spaces and dashes do not matter. */
function normalizeAlphabetCode(input: string, length: number): string | null {
  const compact = input.replace(SEPARATORS, '').toUpperCase();
  if (compact.length !== length) {
    return null;
  }
  for (const symbol of compact) {
    if (!BACKUP_CODE_ALPHABET.includes(symbol)) {
      return null;
    }
  }
  return compact;
}

/** "K7QX92MFPAH3WZT" → "K7QX9-2MFPA-H3WZT": the form shown to people and written to the saved file. */
export function formatBackupCode(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += BACKUP_CODE_GROUP_LENGTH) {
    groups.push(canonical.slice(i, i + BACKUP_CODE_GROUP_LENGTH));
  }
  return groups.join('-');
}

export type SecondFactorCode = { kind: 'totp'; code: string } | { kind: 'backup_code'; code: string };

/** Tells a TOTP code from a backup code by its shape alone, so one field accepts either. */
export function classifySecondFactorCode(input: string): SecondFactorCode | null {
  const totp = normalizeTotpCode(input);
  if (totp !== null) {
    return { kind: 'totp', code: totp };
  }
  const backup = normalizeBackupCode(input);
  return backup === null ? null : { kind: 'backup_code', code: backup };
}

/** A base32 setup key shown in groups of four, as authenticator apps show manual-entry keys. */
export function formatSetupKey(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Password-reset codes are typed by people from an email, so they use the backup-code alphabet: 20 symbols
 * (log2(31) × 20 ≈ 99 bits, above the 64 bits the OWASP Forgot Password cheat sheet asks for), shown in groups of 5.
 */
export const RESET_CODE_LENGTH = 20;
export const RESET_CODE_BITS = Math.floor(Math.log2(BACKUP_CODE_ALPHABET.length) * RESET_CODE_LENGTH);

export function normalizeResetCode(input: string): string | null {
  return normalizeAlphabetCode(input, RESET_CODE_LENGTH);
}

/** "ABCDE…" → "ABCDE-FGHJK-MNPQR-STUVW": the form written into the reset mail. */
export function formatResetCode(canonical: string): string {
  return formatBackupCode(canonical);
}
