import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, errorInfo } from '../../../shared/errors';
import { errorText, formatWait, hasRetryCountdown } from '../../../renderer/lib/errorText';

describe('errorText', () => {
  it('uses the message an error carries', () => {
    expect(errorText(errorInfo('invalid_code'))).toBe(ERROR_MESSAGES.invalid_code);
    expect(errorText({ code: 'locked', message: 'Locked for 15 minutes.' })).toBe('Locked for 15 minutes.');
  });

  it('falls back to the product wording for an empty message', () => {
    expect(errorText({ code: 'offline', message: ' ' })).toBe(ERROR_MESSAGES.offline);
  });

  it('lists field problems of a validation failure', () => {
    const info = errorInfo('validation_failed', { details: [{ path: 'password', message: 'Enter your password.' }] });
    expect(errorText(info)).toBe('Enter your password.');
  });
});

describe('formatWait and hasRetryCountdown', () => {
  it('says minutes and seconds', () => {
    expect(formatWait(45)).toBe('45 s');
    expect(formatWait(60)).toBe('1 min');
    expect(formatWait(845)).toBe('14 min 5 s');
    expect(formatWait(0.2)).toBe('1 s');
  });

  it('counts down only when there is a wait', () => {
    expect(hasRetryCountdown(errorInfo('locked', { retryAfterSeconds: 900 }))).toBe(true);
    expect(hasRetryCountdown(errorInfo('locked'))).toBe(false);
    expect(hasRetryCountdown(errorInfo('rate_limited', { retryAfterSeconds: 0 }))).toBe(false);
  });
});
