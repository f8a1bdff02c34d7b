import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { TwoFactorRemovalPolicy } from '../shared/api/auth';
import { OPERATIONS_DEFAULTS, OPERATIONS_ENV_NAMES, operationsConfigShape } from './config-operations';

/** A 32-byte AES-256 key as base64, and the id stored beside every ciphertext so keys can rotate. */
const SecretKey = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'a key id is 1–32 letters, digits, _ or -'),
  key: z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded'),
});
export type SecretKey = z.infer<typeof SecretKey>;

const intFrom = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const ServerConfigSchema = z
  .object({
    dataDir: z.string().min(1),
    port: intFrom(0, 65535),
    host: z.string().min(1),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    /** PostgreSQL schema to use (tests give each server its own); the search_path default when absent. */
    databaseSchema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
    smtpUrl: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .optional(),
    mailFrom: z.string().min(3),
    issuer: z.string().min(1).max(64),
    /** The current key first; older keys after it still decrypt. Absent: generated into <dataDir>/secret.key. */
    secretKeys: z.array(SecretKey).min(1).optional(),
    lockout: z.object({
      // NIST SP 800-63B caps consecutive failed attempts at 100.
      threshold: intFrom(1, 100),
      minutes: intFrom(1, 24 * 60),
    }),
    session: z
      .object({
        // NIST AAL2 (rev 3): idle ≤ 30 minutes, absolute ≤ 12 hours.
        idleMinutes: intFrom(1, 30),
        absoluteHours: intFrom(1, 12),
        stepUpMinutes: intFrom(1, 10),
        /** A shorter step-up window, in seconds, instead of stepUpMinutes (the end-to-end tests wait it out). */
        stepUpSeconds: intFrom(15, 600).optional(),
      })
      // The rest of the server reads only stepUpMinutes, which may then be a fraction of a minute.
      .transform(({ stepUpSeconds, ...session }) =>
        stepUpSeconds === undefined ? session : { ...session, stepUpMinutes: stepUpSeconds / 60 },
      ),
    resetTwoFactorPolicy: TwoFactorRemovalPolicy,
    /** Under `delayed`: how long after a reset 2FA is removed (the owner can cancel by signing in with a code). */
    resetTwoFactorDelayHours: intFrom(1, 720),
    passwordHashing: z.object({
      concurrency: intFrom(1, 64),
      queueLimit: intFrom(0, 10_000),
      /** Longest expected wait in the queue (queued ahead × measured hash time) a login accepts; absent: no bound. */
      maxQueueWaitMs: intFrom(1, 60_000).optional(),
    }),
    /** Login endpoints per client address: at most `max` requests per `windowSeconds`. */
    loginRateLimit: z.object({ max: intFrom(1, 1_000_000), windowSeconds: intFrom(1, 3600) }),
    /**
     * The password guard: free consecutive failures per account and per client address before growing delays
     * (1 s, doubling, capped); an account stops being evaluated at NIST's 100 consecutive failures.
     */
    passwordGuard: z.object({
      accountFreeFailures: intFrom(1, 20),
      addressFreeFailures: intFrom(1, 1000),
      maxDelayMinutes: intFrom(1, 60),
    }),
    /**
     * Enforced 2FA: `require` 'on' gives an account without it `graceDays` from its first sign-in under the policy,
     * then only a setup-only session. `rememberDeviceDays` > 0 lets the 2FA step skip on a remembered workstation.
     */
    twoFactorPolicy: z.object({
      require: z.enum(['off', 'on'], { error: 'must be off or on' }),
      graceDays: intFrom(0, 90),
      rememberDeviceDays: intFrom(0, 30),
    }),
    /** Forgot-password mails per account per hour. */
    resetMailsPerHour: intFrom(1, 100),
    /** TLS, reverse proxy, metrics listener, shutdown bound: server/config-operations.ts. */
    ...operationsConfigShape,
  })
  .strict();

export type ServerConfig = z.infer<typeof ServerConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Which environment variable feeds each config path, so an error names what the administrator must fix. */
const ENV_NAMES: Record<string, string> = {
  dataDir: 'SECURUS_DATA_DIR',
  port: 'SECURUS_PORT',
  host: 'SECURUS_HOST',
  databaseUrl: 'DATABASE_URL',
  databaseSchema: 'SECURUS_DATABASE_SCHEMA',
  smtpUrl: 'SECURUS_SMTP_URL',
  mailFrom: 'SECURUS_MAIL_FROM',
  issuer: 'SECURUS_ISSUER',
  secretKeys: 'SECURUS_SECRET_KEY',
  'lockout.threshold': 'SECURUS_LOCKOUT_THRESHOLD',
  'lockout.minutes': 'SECURUS_LOCKOUT_MINUTES',
  'session.idleMinutes': 'SECURUS_SESSION_IDLE_MINUTES',
  'session.absoluteHours': 'SECURUS_SESSION_ABSOLUTE_HOURS',
  'session.stepUpMinutes': 'SECURUS_STEP_UP_MINUTES',
  'session.stepUpSeconds': 'SECURUS_STEP_UP_SECONDS',
  resetTwoFactorPolicy: 'SECURUS_RESET_2FA_POLICY',
  resetTwoFactorDelayHours: 'SECURUS_RESET_2FA_DELAY_HOURS',
  'passwordHashing.concurrency': 'SECURUS_PASSWORD_HASH_CONCURRENCY',
  'passwordHashing.queueLimit': 'SECURUS_PASSWORD_HASH_QUEUE_LIMIT',
  'passwordHashing.maxQueueWaitMs': 'SECURUS_PASSWORD_HASH_MAX_QUEUE_WAIT_MS',
  'loginRateLimit.max': 'SECURUS_LOGIN_RATE_LIMIT',
  'loginRateLimit.windowSeconds': 'SECURUS_LOGIN_RATE_WINDOW_SECONDS',
  resetMailsPerHour: 'SECURUS_RESET_MAILS_PER_HOUR',
  'twoFactorPolicy.require': 'SECURUS_REQUIRE_2FA',
  'twoFactorPolicy.graceDays': 'SECURUS_REQUIRE_2FA_GRACE_DAYS',
  'twoFactorPolicy.rememberDeviceDays': 'SECURUS_REMEMBER_DEVICE_DAYS',
  'passwordGuard.accountFreeFailures': 'SECURUS_PASSWORD_FREE_FAILURES',
  'passwordGuard.addressFreeFailures': 'SECURUS_PASSWORD_ADDRESS_FREE_FAILURES',
  'passwordGuard.maxDelayMinutes': 'SECURUS_PASSWORD_MAX_DELAY_MINUTES',
  ...OPERATIONS_ENV_NAMES,
};

export const DEFAULT_CONFIG = {
  dataDir: './.securus',
  port: 4870,
  host: '127.0.0.1',
  mailFrom: 'Securus <no-reply@securus.local>',
  issuer: 'Securus',
  lockout: { threshold: 10, minutes: 15 },
  session: { idleMinutes: 30, absoluteHours: 12, stepUpMinutes: 10 },
  resetTwoFactorPolicy: 'delayed',
  resetTwoFactorDelayHours: 24,
  passwordHashing: { concurrency: 2, queueLimit: 32, maxQueueWaitMs: 250 },
  loginRateLimit: { max: 60, windowSeconds: 60 },
  resetMailsPerHour: 5,
  twoFactorPolicy: { require: 'off', graceDays: 7, rememberDeviceDays: 0 },
  passwordGuard: { accountFreeFailures: 5, addressFreeFailures: 20, maxDelayMinutes: 15 },
  ...OPERATIONS_DEFAULTS,
} satisfies Partial<ServerConfig>;

type Layer = Record<string, unknown>;

function fromEnv(env: NodeJS.ProcessEnv): Layer {
  const layer: Layer = {};
  for (const [path, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (value === undefined || value === '') {
      continue;
    }
    if (path === 'secretKeys') {
      layer.secretKeys = [{ id: env.SECURUS_SECRET_KEY_ID || 'k1', key: value }, ...previousKeys(env)];
      continue;
    }
    const [head, tail] = path.split('.') as [string, string | undefined];
    if (tail === undefined) {
      layer[head] = value;
    } else {
      layer[head] = { ...(layer[head] as Layer | undefined), [tail]: value };
    }
  }
  return layer;
}

/** SECURUS_PREVIOUS_SECRET_KEYS="id:base64,id:base64": retired keys that still open what they sealed. */
function previousKeys(env: NodeJS.ProcessEnv): Array<{ id: string; key: string }> {
  return (env.SECURUS_PREVIOUS_SECRET_KEYS ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      return { id: entry.slice(0, colon), key: entry.slice(colon + 1) };
    });
}

function merge(base: Layer, over: Layer): Layer {
  const out: Layer = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    const bothObjects =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object';
    out[key] = bothObjects ? merge(current as Layer, value as Layer) : value;
  }
  return out;
}

function readConfigFile(file: string): Layer {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new Error('the file must hold one JSON object');
    }
    return parsed as Layer;
  } catch (error) {
    throw new ConfigError(`SECURUS_CONFIG (${file}): ${(error as Error).message}`);
  }
}

/** Both step-up settings at once would leave one of them silently ignored, so the server refuses to start. */
function stepUpConflicts(overrides: Layer): string[] {
  const session = overrides.session as Layer | undefined;
  if (session?.stepUpMinutes === undefined || session.stepUpSeconds === undefined) {
    return [];
  }
  return [
    'SECURUS_STEP_UP_MINUTES (session.stepUpMinutes) and SECURUS_STEP_UP_SECONDS (session.stepUpSeconds) are both ' +
      'set: set only one of them',
  ];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.join('.');
  const topPath = issue.path.slice(0, 2).join('.');
  const source = ENV_NAMES[path] ?? ENV_NAMES[topPath] ?? ENV_NAMES[String(issue.path[0])];
  const where = source ? `${source} (${path})` : path || 'config';
  return `${where}: ${issue.message}`;
}

/**
 * Defaults, then the optional JSON config file (same shape as ServerConfig), then environment variables. Throws a
 * ConfigError naming the variable (or file field) that is wrong.
 */
export function loadServerConfig(env: NodeJS.ProcessEnv = process.env, configFile?: string): ServerConfig {
  const file = configFile ?? env.SECURUS_CONFIG;
  const fileLayer = file ? readConfigFile(file) : {};
  const envLayer = fromEnv(env);
  const parsed = ServerConfigSchema.safeParse(merge(merge(DEFAULT_CONFIG, fileLayer), envLayer));
  const conflicts = stepUpConflicts(merge(fileLayer, envLayer));
  if (!parsed.success || conflicts.length > 0) {
    const problems = [...conflicts, ...(parsed.error?.issues ?? []).map(describeIssue)];
    throw new ConfigError(`Invalid Securus server configuration:\n  ${problems.join('\n  ')}`);
  }
  return { ...parsed.data, dataDir: resolve(parsed.data.dataDir) };
}
