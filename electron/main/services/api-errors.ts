import { AxiosError } from 'axios';
import { ApiErrorBody } from '../../../shared/api/common';
import { SecurusError } from '../../../shared/errors';

// Node and OpenSSL name a certificate the system does not trust in many ways; all of them mean "ask IT".
const TLS_ERROR_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);
const OFFLINE_CODES = new Set(['ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);

/** Maps a transport failure (no HTTP answer at all) to the code the console explains to people. */
export function transportError(error: unknown, hasNetwork: () => boolean): SecurusError {
  const code = networkErrorCode(error);
  if (code !== null && TLS_ERROR_CODES.has(code)) {
    return new SecurusError('tls_error');
  }
  if ((code !== null && OFFLINE_CODES.has(code)) || !hasNetwork()) {
    return new SecurusError('offline');
  }
  if (code !== null && TIMEOUT_CODES.has(code)) {
    return new SecurusError('timeout');
  }
  return new SecurusError('server_unreachable');
}

function networkErrorCode(error: unknown): string | null {
  if (error instanceof AxiosError) {
    const cause = error.cause as { code?: unknown } | undefined;
    if (typeof cause?.code === 'string') {
      return cause.code;
    }
    return error.code ?? null;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/** Maps an HTTP answer that is not the route's success to the server's own code, or to bad_response. */
export function answerError(status: number, body: unknown, retryAfterHeader: unknown): SecurusError {
  const parsed = ApiErrorBody.safeParse(body);
  if (!parsed.success) {
    return new SecurusError('bad_response');
  }
  const { code, retryAfterSeconds, attemptsRemaining, details } = parsed.data.error;
  const retryAfter = retryAfterSeconds ?? parseRetryAfter(retryAfterHeader);
  return new SecurusError(code, {
    ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
    ...(attemptsRemaining === undefined ? {} : { attemptsRemaining }),
    ...(details === undefined ? {} : { details }),
  });
}

function parseRetryAfter(header: unknown): number | undefined {
  if (typeof header !== 'string' || !/^\d+$/.test(header.trim())) {
    return undefined;
  }
  return Number(header.trim());
}
