import type { ServerConfig } from '../config';
import type { TlsMaterial } from '../tls';

/**
 * The Fastify options that depend on how the server is reached: HTTPS with the configured certificate, which
 * reverse proxies' X-Forwarded-For to believe, and draining handled by server/app/draining.ts.
 */
export function listenerOptions(config: ServerConfig, tls: TlsMaterial | null) {
  return {
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    // Only the listed proxies: request.ip (rate limits, the password guard, the audit log) is then the address
    // the nearest trusted proxy saw, and an X-Forwarded-For sent by anyone else is ignored.
    trustProxy: config.trustProxy && config.trustProxy.length > 0 ? config.trustProxy : false,
    return503OnClosing: false,
  };
}
