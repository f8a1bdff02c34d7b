import { useState, type FormEvent } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ClockSkewHint } from '../../components/ClockSkewHint';
import { CodeField } from '../../components/CodeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { SecondFactorKind } from './useLogin';

interface SecondFactorStepProps {
  kind: SecondFactorKind;
  busy: boolean;
  error: SecurusErrorInfo | null;
  clockSkewSeconds: number | null | undefined;
  onSubmit: (code: string) => void;
  onSwitchKind: () => void;
  onCancel: () => void;
}

export function SecondFactorStep(props: SecondFactorStepProps) {
  const { kind, busy, error, clockSkewSeconds, onSubmit, onSwitchKind, onCancel } = props;
  const [code, setCode] = useState('');
  const isTotp = kind === 'totp';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && code !== '') {
      onSubmit(code);
    }
  }

  function switchKind() {
    setCode('');
    onSwitchKind();
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="second-factor-title">
      <h1 id="second-factor-title">Two-Factor Authentication</h1>
      <p>
        {isTotp
          ? 'Open your authenticator app and enter the 6-digit code it shows for Securus.'
          : 'Enter one of the backup codes you saved when you turned on Two-Factor Authentication. Each code works once.'}
      </p>
      <ClockSkewHint skewSeconds={clockSkewSeconds} />
      <CodeField
        key={kind}
        kind={kind}
        value={code}
        onChange={setCode}
        autoFocus
        disabled={busy}
        invalid={error?.code === 'invalid_code'}
      />
      <ErrorAlert error={error} />
      <button type="submit" className="button button-primary button-wide" disabled={busy || code === ''}>
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
