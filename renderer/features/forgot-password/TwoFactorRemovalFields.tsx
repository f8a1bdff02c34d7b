import type { Ref } from 'react';
import type { TwoFactorRemovalPolicy } from '../../../shared/api';
import { TextField } from '../../components/TextField';

/** Whether the form shows a second-factor code field, and whether the server's policy makes it mandatory. */
export type RemovalCodeField = 'required' | 'optional' | null;

export function removalCodeField(policy: TwoFactorRemovalPolicy | null, removing: boolean): RemovalCodeField {
  if (!removing) {
    return null;
  }
  if (policy === 'require-second-factor') {
    return 'required';
  }
  return policy === 'delayed' ? 'optional' : null;
}

/** "24 hours", "3 days": the server's waiting period as people say it. */
export function waitingPeriodText(hours: number | null): string {
  if (hours === null) {
    return 'a waiting period';
  }
  if (hours >= 48 && hours % 24 === 0) {
    return `${hours / 24} days`;
  }
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

interface TwoFactorRemovalFieldsProps {
  policy: Exclude<TwoFactorRemovalPolicy, 'deny'>;
  delayHours: number | null;
  removing: boolean;
  onRemovingChange: (removing: boolean) => void;
  code: string;
  onCodeChange: (code: string) => void;
  /** What is wrong with the code, shown beside it. */
  codeError?: string;
  codeRef?: Ref<HTMLInputElement>;
}

export function TwoFactorRemovalFields(props: TwoFactorRemovalFieldsProps) {
  const { policy, delayHours, removing, onRemovingChange, code, onCodeChange, codeError, codeRef } = props;
  const codeField = removalCodeField(policy, removing);
  return (
    <fieldset className="fieldset">
      <legend>Two-Factor Authentication</legend>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={removing}
          onChange={(event) => onRemovingChange(event.target.checked)}
          aria-describedby="remove-2fa-explained"
        />
        Also remove Two-Factor Authentication
      </label>
      <p id="remove-2fa-explained" className="field-hint">
        Choose this only if you lost the phone with your authenticator app and your backup codes.{' '}
        {policy === 'delayed'
          ? `For your security, Two-Factor Authentication is removed ${waitingPeriodText(delayHours)} after the ` +
            'reset, and the account owner is notified by email. Until then, signing in still asks for a code, and ' +
            'signing in with one cancels the removal.'
          : 'You will sign in with your password alone until you set up Two-Factor Authentication again; the ' +
            'account owner is notified.'}
      </p>
      {codeField !== null ? (
        <TextField
          label="Authenticator code or backup code"
          value={code}
          onChange={onCodeChange}
          error={codeError}
          ref={codeRef}
          autoComplete="one-time-code"
          spellCheck={false}
          hint={
            codeField === 'required'
              ? 'Your organisation asks for a second factor before removing Two-Factor Authentication.'
              : 'Optional. If you still have your authenticator app or a backup code, enter a code to remove ' +
                'Two-Factor Authentication at once instead of after the waiting period.'
          }
        />
      ) : null}
    </fieldset>
  );
}
