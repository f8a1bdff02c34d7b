import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { ZodError } from 'zod';
import { SecurusError, errorInfo, type ErrorCode, type SecurusErrorInfo } from '../../shared/errors';

const STATUS: Partial<Record<ErrorCode, number>> = {
  validation_failed: 400,
  invalid_code: 400,
  code_already_used: 400,
  invalid_reset_token: 400,
  password_too_weak: 400,
  second_factor_required: 400,
  invalid_credentials: 401,
  unauthenticated: 401,
  challenge_expired: 401,
  reauth_required: 403,
  two_factor_removal_forbidden: 403,
  two_factor_setup_required: 403,
  forbidden: 403,
  own_account_forbidden: 403,
  user_not_found: 404,
  enrollment_not_found: 404,
  not_found: 404,
  method_not_allowed: 405,
  two_factor_already_enabled: 409,
  two_factor_not_enabled: 409,
  enrollment_not_verified: 409,
  enrollment_expired: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  locked: 423,
  password_attempts_exhausted: 423,
  password_throttled: 429,
  rate_limited: 429,
  server_busy: 503,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}

export function sendError(reply: FastifyReply, info: SecurusErrorInfo): FastifyReply {
  if (info.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(info.retryAfterSeconds));
  }
  return reply.code(statusOf(info.code)).send({ error: info });
}

export function validationError(error: ZodError): SecurusError {
  const details = error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  return new SecurusError('validation_failed', { details });
}

/** What Fastify itself rejects (body parsing, limits, media types), as the API's own codes. */
function fromFastifyError(error: FastifyError): SecurusErrorInfo | null {
  switch (error.statusCode) {
    case 413:
      return errorInfo('payload_too_large');
    case 415:
      return errorInfo('unsupported_media_type');
    case 404:
      return errorInfo('not_found');
    case 405:
      return errorInfo('method_not_allowed');
    default:
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        const message =
          error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
            ? 'The body is not valid JSON.'
            : 'The request could not be read.';
        return errorInfo('validation_failed', { details: [{ path: '', message }] });
      }
      return null;
  }
}

/** One error shape for every answer: `{error:{code,message}}`. Only a fault of ours is a 5xx (besides busy). */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof SecurusError) {
      return sendError(reply, error.info);
    }
    const known = fromFastifyError(error);
    if (known) {
      return sendError(reply, known);
    }
    // Name and code only: an error message can quote the input.
    request.log.error({ errorName: error.name, errorCode: error.code }, 'unexpected error');
    return sendError(reply, errorInfo('internal_error'));
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    const allowed = app.registeredRoutes.filter((route) => route.url === path).map((route) => route.method);
    if (allowed.length > 0) {
      void reply.header('allow', allowed.join(', '));
      return sendError(reply, errorInfo('method_not_allowed'));
    }
    return sendError(reply, errorInfo('not_found'));
  });
}

/** JSON only; an empty body reads as "no body" so body-less POSTs (logout) work with or without a content type. */
export function registerJsonOnly(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    // The default parser answers through `done`; its return value carries nothing.
    void parseJson(request, text, done);
  });
}
