import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The settings for running the server for real (TLS, a reverse proxy, metrics, shutdown), kept apart from the
 * authentication rules in config.ts. docs/operating-the-server.md explains each one.
 */

/** proxy-addr's names for whole ranges, which Fastify's trustProxy also accepts. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (RANGE_NAMES.has(entry) || isIP(entry) !== 0) {
    return true;
  }
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || prefix === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefix)) {
    return false;
  }
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** "10.0.0.5, 10.1.0.0/16" from the environment, or an array in the JSON file; an empty list means off. */
const TrustedProxies = z.preprocess(
  (value) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean)
      : value,
  z
    .array(
      z.string().refine(isAddressOrCidr, {
        error: (issue) => `"${String(issue.input)}" is not an IP address or CIDR range (e.g. 10.0.0.5 or 10.1.0.0/16)`,
      }),
    )
    .max(100),
);

export const operationsConfigShape = {
  /** PEM files; HTTPS only when both are set (server/tls.ts checks them at start). */
  tls: z
    .object({
      certFile: z.string({ error: 'must be set together with SECURUS_TLS_KEY' }).min(1),
      keyFile: z.string({ error: 'must be set together with SECURUS_TLS_CERT' }).min(1),
    })
    .optional(),
  /** Addresses or CIDR ranges of the reverse proxies whose X-Forwarded-For is believed; absent: none is. */
  trustProxy: TrustedProxies.optional(),
  /** Prometheus text on GET /metrics, on its own listener; absent: no metrics listener. */
  metrics: z
    .object({
      port: z.coerce
        .number({ error: 'must be a port number (0–65535); metrics are served only when it is set' })
        .int()
        .min(0)
        .max(65535),
      host: z.string().min(1).default('127.0.0.1'),
    })
    .optional(),
  /** After SIGTERM: how long requests in flight may take before the process gives up on them (exit code 1). */
  shutdownTimeoutSeconds: z.coerce.number().int().min(1).max(300).optional(),
};

export const OPERATIONS_ENV_NAMES: Record<string, string> = {
  'tls.certFile': 'SECURUS_TLS_CERT',
  'tls.keyFile': 'SECURUS_TLS_KEY',
  trustProxy: 'SECURUS_TRUST_PROXY',
  'metrics.port': 'SECURUS_METRICS_PORT',
  'metrics.host': 'SECURUS_METRICS_HOST',
  shutdownTimeoutSeconds: 'SECURUS_SHUTDOWN_TIMEOUT_SECONDS',
};

export const DEFAULT_SHUTDOWN_TIMEOUT_SECONDS = 10;

export const OPERATIONS_DEFAULTS = { shutdownTimeoutSeconds: DEFAULT_SHUTDOWN_TIMEOUT_SECONDS };
