/**
 * Error codes that cross a boundary (server → client, main → renderer). Every error a user can meet is one of
 * these, with a human message; nothing crosses as a thrown string.
 */
export const ERROR_MESSAGES = {
  // Server-side codes.
  validation_failed: 'Some fields are missing or not in the expected format.',
  invalid_credentials: 'The username or password is incorrect.',
  invalid_code: 'That code is not correct. Check your authenticator app and try again.',
  code_already_used: 'That code was just used. Wait for the next code in your authenticator app, then enter it.',
  challenge_expired: 'The sign-in step timed out. Enter your username and password again.',
  locked: 'Too many incorrect codes. This account is locked for a while.',
  rate_limited: 'Too many attempts from this workstation. Wait a moment and try again.',
  password_throttled: 'Too many incorrect passwords. Wait a moment, then try again.',
  password_attempts_exhausted:
    'Password sign-in for this account has stopped after too many incorrect passwords. Reset your password with Forgot Password, or contact IT.',
  reauth_required: 'For your security, enter your password again to continue.',
  two_factor_setup_required:
    'Your organisation requires Two-Factor Authentication. Set it up to continue using the console.',
  forbidden: 'Only an administrator can do this.',
  user_not_found: 'There is no supervisor with that username.',
  own_account_forbidden: 'Use your own User Settings to change your own Two-Factor Authentication.',
  unauthenticated: 'You are signed out. Sign in again to continue.',
  enrollment_expired: 'This setup has expired. Select Generate QR Code to start again.',
  enrollment_not_found: 'This setup could not be found. Select Generate QR Code to start again.',
  enrollment_not_verified: 'Verify a code from your authenticator app before confirming.',
  two_factor_already_enabled: 'Two-Factor Authentication is already turned on for this account.',
  two_factor_not_enabled: 'Two-Factor Authentication is not turned on for this account.',
  invalid_reset_token: 'That reset code is not valid or has expired. Request a new one.',
  second_factor_required:
    'Enter a code from your authenticator app or a backup code to remove Two-Factor Authentication.',
  two_factor_removal_forbidden:
    'Your organisation does not allow removing Two-Factor Authentication with a password reset.',
  password_too_weak: 'Choose a longer password.',
  payload_too_large: 'The request is too large.',
  unsupported_media_type: 'The request must be JSON.',
  not_found: 'Not found.',
  method_not_allowed: 'That method is not allowed here.',
  server_busy: 'The server is busy. Try again in a few seconds.',
  internal_error: 'Something went wrong on the server. Try again, and contact IT if it persists.',
  // Console-side codes (the main process and the renderer).
  offline: 'This workstation is offline. Check the network connection and try again.',
  timeout: 'The Securus server did not answer in time. Try again.',
  server_unreachable: 'The Securus server cannot be reached. Check the network or contact IT.',
  tls_error: 'The Securus server’s certificate is not trusted. Contact IT.',
  bad_response: 'The Securus server sent an answer the console does not understand. Contact IT.',
  untrusted_sender: 'This request did not come from the console window.',
  cancelled: 'Cancelled.',
  save_failed: 'The file could not be saved. Choose another folder, or print or copy the codes instead.',
  print_failed: 'The codes could not be printed. Check the printer, or save or copy the codes instead.',
  unexpected: 'Something unexpected happened. Try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** The error as it travels: a code, a message for people, and what a client needs to act on it. */
export interface SecurusErrorInfo {
  code: ErrorCode;
  message: string;
  /** Seconds until a retry can succeed (lockout, rate limit, busy server). */
  retryAfterSeconds?: number;
  /** Second-factor tries left before the account locks (`invalid_code`, `code_already_used`); the server decides. */
  attemptsRemaining?: number;
  details?: FieldProblem[];
}

export function errorInfo(code: ErrorCode, extra: Partial<Omit<SecurusErrorInfo, 'code'>> = {}): SecurusErrorInfo {
  return { code, message: ERROR_MESSAGES[code], ...extra };
}

/** An Error that carries a code, for code paths inside one process. Convert with `.info` at a boundary. */
export class SecurusError extends Error {
  readonly info: SecurusErrorInfo;

  constructor(code: ErrorCode, extra: Partial<Omit<SecurusErrorInfo, 'code'>> = {}) {
    const info = errorInfo(code, extra);
    // An expected answer (a wrong code, a lock), not a fault: nothing reads its stack, and capturing one cost about
    // as much as checking the code it reports.
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(info.message);
    Error.stackTraceLimit = stackTraceLimit;
    this.name = 'SecurusError';
    this.info = info;
  }

  get code(): ErrorCode {
    return this.info.code;
  }
}
