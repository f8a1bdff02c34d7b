import type { FastifyInstance } from 'fastify';
import { errorInfo } from '../../shared/errors';
import { sendError } from './http-errors';

/**
 * While the server stops (SIGTERM, server/shutdown.ts) a request that arrives on a connection still open is
 * answered at once with the API's own `server_busy` (503, Retry-After: 1, Connection: close), so a console retries
 * against the next instance instead of reading Fastify's own 503 body as a bad response. Requests already being
 * handled run to their end: their attempts are counted and audited before the process exits.
 */
export function registerDraining(app: FastifyInstance): void {
  let draining = false;
  app.addHook('preClose', async () => {
    draining = true;
  });
  // Callback style: the hot path pays one flag test, not a promise.
  app.addHook('onRequest', (_request, reply, done) => {
    if (!draining) {
      done();
      return;
    }
    void reply.header('connection', 'close');
    sendError(reply, errorInfo('server_busy', { retryAfterSeconds: 1 }));
  });
}
