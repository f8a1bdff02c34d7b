import { ERROR_MESSAGES, type SecurusErrorInfo } from '../../shared/errors';

/** Errors whose wait is worth counting down on screen rather than stating once. */
export function hasRetryCountdown(info: SecurusErrorInfo): boolean {
  return info.retryAfterSeconds !== undefined && info.retryAfterSeconds > 0;
}

/** The sentence shown for an error: the message it carries, the field problems it lists, or the product's wording. */
export function errorText(info: SecurusErrorInfo): string {
  if (info.code === 'validation_failed' && info.details && info.details.length > 0) {
    return info.details.map((problem) => problem.message).join(' ');
  }
  return info.message.trim() !== '' ? info.message : ERROR_MESSAGES[info.code];
}

/** "14 min 5 s", "45 s": how long until a lock or a rate limit ends. */
export function formatWait(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) {
    return `${rest} s`;
  }
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}
