import { ERROR_MESSAGES, type SecurusErrorInfo } from '../../../shared/errors';
import { Alert } from '../../components/Alert';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LockoutAlert } from './LockoutAlert';
import type { SecondFactorKind } from './useLogin';

/** From this many tries left the step says how many remain; earlier, a count would only alarm. */
export const TRIES_LEFT_WARNING = 3;

/**
 * One message for every backup code the server refuses: it never tells a code that never existed from a used or a
 * replaced one (a guesser would learn which codes were real), so neither does the console.
 */
const WRONG_BACKUP_CODE =
  'That backup code is wrong or has already been used. Each code works once, and regenerating codes replaces all earlier ones. Check your saved codes, or use your authenticator app instead.';

export function triesLeftText(attemptsRemaining: number | undefined): string | null {
  if (attemptsRemaining === undefined || attemptsRemaining > TRIES_LEFT_WARNING) {
    return null;
  }
  return `${attemptsRemaining} ${attemptsRemaining === 1 ? 'try' : 'tries'} left before this account is locked.`;
}

function refusedCodeText(kind: SecondFactorKind, error: SecurusErrorInfo): string | null {
  if (error.code === 'code_already_used') {
    return ERROR_MESSAGES.code_already_used;
  }
  if (error.code === 'invalid_code') {
    return kind === 'backup_code' ? WRONG_BACKUP_CODE : ERROR_MESSAGES.invalid_code;
  }
  return null;
}

interface SecondFactorAlertProps {
  kind: SecondFactorKind;
  error: SecurusErrorInfo | null;
  lockEnded: boolean;
  helpContact: string | null;
  onLockEnded: () => void;
}

/** What the code step says about the last code: refused (and why, in the words of the field in use), or locked. */
export function SecondFactorAlert({ kind, error, lockEnded, helpContact, onLockEnded }: SecondFactorAlertProps) {
  if (error?.code === 'locked') {
    return (
      <LockoutAlert
        key={error.retryAfterSeconds}
        seconds={error.retryAfterSeconds ?? 0}
        helpContact={helpContact}
        onEnded={onLockEnded}
      />
    );
  }
  const refused = error ? refusedCodeText(kind, error) : null;
  if (error && refused) {
    const triesLeft = triesLeftText(error.attemptsRemaining);
    return (
      <Alert tone="error">
        <p>{refused}</p>
        {triesLeft ? (
          <p>
            <strong>{triesLeft}</strong>
          </p>
        ) : null}
      </Alert>
    );
  }
  if (error) {
    return <ErrorAlert error={error} />;
  }
  return lockEnded ? (
    <Alert tone="info">
      <p>The lock has ended. You can enter a code again.</p>
    </Alert>
  ) : null;
}
