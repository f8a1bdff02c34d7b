import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { FastifyInstance } from 'fastify';

/**
 * Suite-wide log capture for scripts/scan-test-logs.mjs (SECURITY.md: no log line carries a secret). When
 * SECURUS_TEST_LOG_DIR is set, every harness server's log lines are appended to `<worker>.log` there and every secret
 * value its HTTP traffic carried to `<worker>.secrets.jsonl`, one `{"kind","value"}` object a line.
 */
export const TEST_LOG_DIR_VARIABLE = 'SECURUS_TEST_LOG_DIR';

/** Request-body fields holding a secret (at any depth), by the kind of secret. */
const REQUEST_SECRET_FIELDS: Record<string, string> = {
  password: 'password',
  newPassword: 'password',
  currentPassword: 'password',
  code: 'code',
  secondFactorCode: 'code',
  token: 'token',
  challengeToken: 'challenge token',
  deviceToken: 'device token',
};

/**
 * Identifiers a test sent in the open. The fuzz tests send one odd string as username and password alike; the scan
 * cannot tell such a value's logged account name from a leaked password, so it leaves those values out.
 */
export const PUBLIC_KIND = 'public';
const REQUEST_PUBLIC_FIELDS: Record<string, string> = {
  username: PUBLIC_KIND,
  login: PUBLIC_KIND,
  email: PUBLIC_KIND,
  displayName: PUBLIC_KIND,
};

/** Response-body fields holding a secret; a response's `code` is an error code, not a secret. */
const RESPONSE_SECRET_FIELDS: Record<string, string> = {
  token: 'session token',
  challengeToken: 'challenge token',
  secret: 'TOTP secret',
  otpauthUri: 'otpauth URI',
  backupCodes: 'backup code',
};

export interface LogCapture {
  logLine(line: string): void;
  secret(kind: string, value: unknown): void;
}

/** Null when the variable is unset: tests then keep their lines in memory only. */
export function openLogCapture(env: NodeJS.ProcessEnv = process.env): LogCapture | null {
  const dir = env[TEST_LOG_DIR_VARIABLE];
  if (!dir) {
    return null;
  }
  mkdirSync(dir, { recursive: true });
  const name = `harness-${process.pid}-${threadId}`;
  const logFile = join(dir, `${name}.log`);
  const secretsFile = join(dir, `${name}.secrets.jsonl`);
  const recorded = new Set<string>();
  return {
    logLine(line) {
      appendFileSync(logFile, line.endsWith('\n') ? line : `${line}\n`);
    },
    secret(kind, value) {
      if (typeof value === 'string' && value.length > 0 && !recorded.has(`${kind}\0${value}`)) {
        recorded.add(`${kind}\0${value}`);
        appendFileSync(secretsFile, `${JSON.stringify({ kind, value })}\n`);
      }
    },
  };
}

/** Every field of `value` named in `fields`, walking objects and arrays. */
export function recordSecretFields(
  capture: LogCapture,
  fields: Record<string, string>,
  value: unknown,
  field?: string,
): void {
  if (Array.isArray(value)) {
    value.forEach((item) => recordSecretFields(capture, fields, item, field));
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      recordSecretFields(capture, fields, inner, key);
    }
  } else if (field && Object.hasOwn(fields, field)) {
    capture.secret(fields[field]!, value);
  }
}

/** Records bearer tokens, request-body secrets and response-body secrets as the app handles them. */
export function recordSecretsOf(app: FastifyInstance, capture: LogCapture): void {
  app.addHook('onRequest', async (request) => {
    const authorization = request.headers.authorization;
    if (typeof authorization === 'string') {
      capture.secret('bearer token', authorization.replace(/^Bearer\s+/i, ''));
    }
  });
  app.addHook('preValidation', async (request) => {
    recordSecretFields(capture, REQUEST_SECRET_FIELDS, request.body);
    recordSecretFields(capture, REQUEST_PUBLIC_FIELDS, request.body);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    if (text && String(reply.getHeader('content-type') ?? '').includes('json')) {
      try {
        recordSecretFields(capture, RESPONSE_SECRET_FIELDS, JSON.parse(text));
      } catch {
        // Not JSON after all: nothing to record.
      }
    }
    return payload;
  });
}
