#!/usr/bin/env node
// SECURITY.md: "No log line carries a password, a code, a secret, a token or an otpauth URI", over every server log
// line the test run wrote. Reads SECURUS_TEST_LOG_DIR (or the directory given as the first argument): `*.log` files
// hold log lines, `*.secrets.jsonl` files the secret values the tests' servers handled ({"kind","value"} a line).
// Exit 1 names the kind of secret and the file:line of each leak, never the secret itself.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Shorter values are too likely to occur by chance (a six-digit code is the shortest secret there is). */
const MIN_DIGITS = 6;
const MIN_CHARACTERS = 8;
const MAX_REPORTED = 50;
/** Recorded values a test sent in the open (account names, e-mail addresses), not secrets. */
const PUBLIC_KIND = 'public';

/** Patterns that are a leak whatever the tests recorded. */
const GENERIC_LEAKS = [
  { kind: 'otpauth URI', pattern: /otpauth:\/\//i },
  {
    kind: 'password field',
    pattern: /"(?:password|newPassword|currentPassword)"\s*:\s*"(?!\[redacted\]")[^"]/i,
  },
  { kind: 'Authorization header', pattern: /"authorization"\s*:\s*"(?!\[redacted\]")/i },
  { kind: 'Authorization header', pattern: /authorization:\s*(?:bearer|basic)\s/i },
  { kind: 'bearer credential', pattern: /\bbearer\s+[A-Za-z0-9._~+/-]{8,}/i },
];

/** Numbers the logger writes itself, blanked before looking for numeric codes so a pid or time is not a code. */
const LOGGER_NUMBERS = /"(?:time|pid|responseTime|port|statusCode)"\s*:\s*[\d.]+/g;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32Bytes(text) {
  let bits = 0;
  let buffer = 0;
  const bytes = [];
  for (const char of text.toUpperCase().replace(/=+$/, '')) {
    const index = BASE32.indexOf(char);
    if (index < 0) {
      return null;
    }
    buffer = (buffer << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

/** Fuzzed input may hold lone surrogates, which have no URL encoding. */
function urlEncoded(value) {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The forms a secret could be written in: as sent, JSON-escaped, URL-encoded, and its kind's normal forms. */
export function secretForms(kind, value) {
  const forms = new Set([value, JSON.stringify(value).slice(1, -1), urlEncoded(value)]);
  if (/code|token/i.test(kind) && /[-\s]/.test(value)) {
    const compact = value.replace(/[-\s]/g, '');
    [compact, compact.toUpperCase(), compact.toLowerCase()].forEach((form) => forms.add(form));
  }
  if (/code/i.test(kind)) {
    [value.toUpperCase(), value.toLowerCase()].forEach((form) => forms.add(form));
  }
  const bytes = /TOTP secret/i.test(kind) ? base32Bytes(value) : null;
  if (bytes) {
    forms.add(value.toLowerCase()).add(value.toUpperCase()).add(bytes.toString('hex'));
    forms.add(bytes.toString('base64').replace(/=+$/, '')).add(bytes.toString('base64url'));
  }
  if (/key/i.test(kind) && /^[A-Za-z0-9+/]+=*$/.test(value)) {
    const keyBytes = Buffer.from(value, 'base64');
    forms.add(keyBytes.toString('hex')).add(keyBytes.toString('base64url'));
  }
  return [...forms].filter((form) => (/^\d+$/.test(form) ? form.length >= MIN_DIGITS : form.length >= MIN_CHARACTERS));
}

function filesEnding(dir, suffix) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix))
    .sort()
    .map((name) => join(dir, name));
}

/** Recorded secret forms by kind, less those inside a value some test also sent in the open (kind "public"). */
function readSecrets(dir) {
  const byForm = new Map();
  const publicValues = [];
  for (const file of filesEnding(dir, '.secrets.jsonl')) {
    for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
      const { kind, value } = JSON.parse(line);
      if (kind === PUBLIC_KIND) {
        publicValues.push(value);
      } else {
        secretForms(kind, value).forEach((form) => byForm.has(form) || byForm.set(form, kind));
      }
    }
  }
  const index = indexByPrefix(byForm);
  let publicForms = 0;
  for (const written of publicValues.flatMap((value) => secretForms(PUBLIC_KIND, value))) {
    for (const { form } of formsIn(written, index)) {
      publicForms += byForm.delete(form) ? 1 : 0;
    }
  }
  return { byForm, publicForms };
}

/** Forms indexed by their first characters, so each line is scanned once rather than once per secret. */
function indexByPrefix(byForm) {
  const index = new Map();
  for (const [form, kind] of byForm) {
    const prefix = form.slice(0, MIN_DIGITS);
    index.set(prefix, [...(index.get(prefix) ?? []), { form, kind, numeric: /^\d+$/.test(form) }]);
  }
  return index;
}

/**
 * The indexed forms occurring in `text`. A numeric code counts only as a word of its own: six digits turn up by
 * chance inside ids, hashes and decimals (`3c99e4c5-…-123456ab…`, `1.123456`), never next to a letter when leaked.
 */
function formsIn(text, index) {
  const found = [];
  const numbersBlanked = text.replace(LOGGER_NUMBERS, (match) => match.replace(/[\d.]/g, '_'));
  for (let at = 0; at + MIN_DIGITS <= text.length; at += 1) {
    for (const entry of index.get(text.slice(at, at + MIN_DIGITS)) ?? []) {
      if (!text.startsWith(entry.form, at)) {
        continue;
      }
      const standalone = !/[\w.-]/.test(text[at - 1] ?? '') && !/[\w.-]/.test(text[at + entry.form.length] ?? '');
      if (!entry.numeric || (standalone && numbersBlanked.startsWith(entry.form, at))) {
        found.push(entry);
      }
    }
  }
  return found;
}

function leaksInLine(line, index) {
  const kinds = new Set(GENERIC_LEAKS.filter(({ pattern }) => pattern.test(line)).map(({ kind }) => kind));
  formsIn(line, index).forEach(({ kind }) => kinds.add(kind));
  return [...kinds];
}

export function scanLogDir(dir) {
  const { byForm, publicForms } = readSecrets(dir);
  const index = indexByPrefix(byForm);
  const result = { lines: 0, secrets: byForm.size, publicForms, files: 0, leaks: [] };
  for (const file of filesEnding(dir, '.log')) {
    result.files += 1;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, number) => {
        if (line.trim() === '') {
          return;
        }
        result.lines += 1;
        leaksInLine(line, index).forEach((kind) => result.leaks.push({ file, line: number + 1, kind }));
      });
  }
  return result;
}

function main() {
  const dir = process.argv[2] ?? process.env.SECURUS_TEST_LOG_DIR;
  if (!dir || !existsSync(dir)) {
    console.log(`No test log directory (${dir ?? 'SECURUS_TEST_LOG_DIR unset'}): nothing to scan.`);
    return 0;
  }
  const result = scanLogDir(dir);
  console.log(
    `Checked ${result.lines} log lines in ${result.files} files against ${result.secrets} secret forms ` +
      `(${result.publicForms} left out: also sent as an account name or e-mail address).`,
  );
  if (result.lines === 0) {
    console.log(`No log line was captured in ${dir}: the capture is broken, so nothing was proven.`);
    return 1;
  }
  for (const leak of result.leaks.slice(0, MAX_REPORTED)) {
    console.log(`  ✗ ${leak.kind} in ${leak.file}:${leak.line}`);
  }
  if (result.leaks.length > MAX_REPORTED) {
    console.log(`  … and ${result.leaks.length - MAX_REPORTED} more`);
  }
  console.log(result.leaks.length === 0 ? 'No secret in any log line.' : `${result.leaks.length} leak(s).`);
  return result.leaks.length === 0 ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(main());
}
