import { useLayoutEffect, useRef, useState, type FormEvent } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ClockSkewHint } from '../../components/ClockSkewHint';
import { CodeField, isCompleteCode } from '../../components/CodeField';
import { RememberWorkstationChoice } from './RememberWorkstationChoice';
import { SecondFactorAlert } from './SecondFactorAlert';
import type { SecondFactorKind } from './useLogin';

interface SecondFactorStepProps {
  kind: SecondFactorKind;
  busy: boolean;
  error: SecurusErrorInfo | null;
  lockEnded: boolean;
  helpContact: string | null;
  clockSkewSeconds: number | null | undefined;
  /** Days a remembered workstation skips the code; 0 hides the choice (policy off, or no OS keychain). */
  rememberDays: number;
  onSubmit: (code: string, rememberWorkstation: boolean) => void;
  onSwitchKind: () => void;
  onLockEnded: () => void;
  onCancel: () => void;
}

const REFUSED_CODES = new Set(['invalid_code', 'code_already_used', 'validation_failed']);

export function SecondFactorStep(props: SecondFactorStepProps) {
  const { kind, busy, error, lockEnded, helpContact, clockSkewSeconds, rememberDays } = props;
  const { onSubmit, onSwitchKind, onLockEnded, onCancel } = props;
  const [code, setCode] = useState('');
  const [remember, setRemember] = useState(false);
  const rememberWorkstation = rememberDays > 0 && remember;
  const field = useRef<HTMLInputElement>(null);
  const isTotp = kind === 'totp';
  const locked = error?.code === 'locked';

  // After a refused code the field keeps focus with the code selected: the next code typed replaces it.
  // A layout effect, so the selection lands in the same commit as the error and never trails it.
  useLayoutEffect(() => {
    if (error) {
      field.current?.focus();
      field.current?.select();
    }
  }, [error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && !locked && code !== '') {
      onSubmit(code, rememberWorkstation);
    }
  }

  // A whole code submits itself, as authenticator-code fields elsewhere do; Verify stays for a shorter entry.
  function change(value: string) {
    setCode(value);
    if (!busy && !locked && value !== code && isCompleteCode(kind, value)) {
      onSubmit(value, rememberWorkstation);
    }
  }

  function switchKind() {
    setCode('');
    onSwitchKind();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="second-factor-title" aria-busy={busy}>
      <h1 id="second-factor-title">Two-Factor Authentication</h1>
      <p>
        {isTotp
          ? 'Open your authenticator app and enter the 6-digit code it shows for Securus.'
          : 'Enter one of the backup codes you saved when you turned on Two-Factor Authentication. Each code works once.'}
      </p>
      <ClockSkewHint skewSeconds={clockSkewSeconds} />
      <CodeField
        key={kind}
        ref={field}
        kind={kind}
        value={code}
        onChange={change}
        autoFocus
        // Read-only rather than disabled while checking or locked: a disabled field would drop the focus.
        readOnly={busy || locked}
        invalid={error !== null && REFUSED_CODES.has(error.code)}
      />
      <SecondFactorAlert
        kind={kind}
        error={error}
        lockEnded={lockEnded}
        helpContact={helpContact}
        onLockEnded={onLockEnded}
      />
      {rememberDays > 0 ? (
        <RememberWorkstationChoice days={rememberDays} checked={remember} disabled={busy} onChange={setRemember} />
      ) : null}
      <button type="submit" className="button button-primary button-wide" disabled={code === '' || locked}>
        {busy ? 'Verifying…' : 'Verify'}
      </button>
      <button type="button" className="link-button" onClick={switchKind} disabled={busy}>
        {isTotp ? 'Use a backup code' : 'Use your authenticator app'}
      </button>
      <button type="button" className="link-button" onClick={onCancel} disabled={busy}>
        Back to sign in
      </button>
    </form>
  );
}
