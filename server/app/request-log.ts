import type { FastifyInstance } from 'fastify';

/**
 * One log line per request, written when it is answered, instead of Fastify's two (one on arrival, one on
 * answer): the same fields (method, URL without its query, client address, status, time taken) for half the
 * logging work on every route. A request dropped before any answer leaves no line; its security events, if any,
 * are logged by the domain as ever.
 */
export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
    done();
  });
}
