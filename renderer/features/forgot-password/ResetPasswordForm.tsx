import { useState, type FormEvent } from 'react';
import type { TwoFactorRemovalPolicy } from '../../../shared/api';
import { classifySecondFactorCode, normalizeResetCode } from '../../../shared/codes';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { Alert } from '../../components/Alert';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { ResetInput } from './useForgotPassword';

/** Mirrors NEW_PASSWORD_MIN_LENGTH of shared/api/common.ts, which cannot be imported here without bundling zod. */
export const NEW_PASSWORD_MIN_LENGTH = 12;

interface ResetPasswordFormProps {
  sentMessage: string;
  removalPolicy: TwoFactorRemovalPolicy | null;
  busy: boolean;
  error: SecurusErrorInfo | null;
  onSubmit: (input: ResetInput) => void;
  onReject: (message: string) => void;
}

export function ResetPasswordForm(props: ResetPasswordFormProps) {
  const { sentMessage, removalPolicy, busy, error, onSubmit, onReject } = props;
  const [token, setToken] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [removeTwoFactor, setRemoveTwoFactor] = useState(false);
  const [secondFactorCode, setSecondFactorCode] = useState('');
  const canRemove = removalPolicy !== null && removalPolicy !== 'deny';
  const needsCode = removeTwoFactor && removalPolicy === 'require-second-factor';

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) {
      return;
    }
    const resetCode = normalizeResetCode(token);
    if (resetCode === null) {
      onReject('Enter the code from the email: 20 letters and digits, such as ABCDE-FGHJK-MNPQR-STUVW.');
    } else if (newPassword.length < NEW_PASSWORD_MIN_LENGTH) {
      onReject(`Choose a new password of at least ${NEW_PASSWORD_MIN_LENGTH} characters.`);
    } else if (newPassword !== repeated) {
      onReject('The two new passwords are not the same.');
    } else if (needsCode && classifySecondFactorCode(secondFactorCode) === null) {
      onReject('Enter a 6-digit code from your authenticator app or one of your backup codes.');
    } else {
      onSubmit({
        token: resetCode,
        newPassword,
        removeTwoFactor: canRemove && removeTwoFactor,
        ...(needsCode ? { secondFactorCode: secondFactorCode.trim() } : {}),
      });
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Alert tone="info">
        <p>{sentMessage}</p>
      </Alert>
      <TextField
        label="Code from the email"
        value={token}
        onChange={setToken}
        autoComplete="one-time-code"
        spellCheck={false}
        autoFocus
        required
      />
      <TextField
        label="New password"
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        autoComplete="new-password"
        hint={`At least ${NEW_PASSWORD_MIN_LENGTH} characters.`}
        required
      />
      <TextField
        label="Repeat the new password"
        type="password"
        value={repeated}
        onChange={setRepeated}
        autoComplete="new-password"
        required
      />
      {canRemove ? (
        <fieldset className="fieldset">
          <legend>Two-Factor Authentication</legend>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={removeTwoFactor}
              onChange={(event) => setRemoveTwoFactor(event.target.checked)}
              aria-describedby="remove-2fa-explained"
            />
            Also remove Two-Factor Authentication
          </label>
          <p id="remove-2fa-explained" className="field-hint">
            Choose this only if you lost the phone with your authenticator app and your backup codes. You will sign in
            with your password alone until you set up Two-Factor Authentication again; the account owner is notified.
          </p>
          {needsCode ? (
            <TextField
              label="Authenticator code or backup code"
              value={secondFactorCode}
              onChange={setSecondFactorCode}
              autoComplete="one-time-code"
              spellCheck={false}
              hint="Your organisation asks for a second factor before removing Two-Factor Authentication."
            />
          ) : null}
        </fieldset>
      ) : null}
      <ErrorAlert error={error} />
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
