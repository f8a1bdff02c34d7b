import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { TwoFactorRemovalPolicy } from '../../../shared/api';
import { normalizeResetCode } from '../../../shared/codes';
import type { FieldProblem, SecurusErrorInfo } from '../../../shared/errors';
import { Alert } from '../../components/Alert';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { revealAndFocus } from '../../lib/revealField';
import { ResetCodeField } from './ResetCodeField';
import {
  NEW_PASSWORD_MIN_LENGTH,
  RESET_FIELDS,
  checkResetForm,
  placeResetError,
  type ResetField,
} from './resetFieldErrors';
import { TwoFactorRemovalFields, removalCodeField } from './TwoFactorRemovalFields';
import type { ResendState, ResetInput } from './useForgotPassword';

export { NEW_PASSWORD_MIN_LENGTH } from './resetFieldErrors';

interface ResetPasswordFormProps {
  sentMessage: string;
  removalPolicy: TwoFactorRemovalPolicy | null;
  /** The server's waiting period before 2FA is removed, under the `delayed` policy. */
  removalDelayHours: number | null;
  busy: boolean;
  error: SecurusErrorInfo | null;
  resend: ResendState;
  onSubmit: (input: ResetInput) => void;
  onReject: (problems: FieldProblem[]) => void;
  /** Resolves true when a new code was asked for: the code typed so far is then cleared. */
  onRequestNewCode: () => Promise<boolean>;
}

export function ResetPasswordForm(props: ResetPasswordFormProps) {
  const { sentMessage, removalPolicy, removalDelayHours, busy, error, resend, onSubmit, onReject } = props;
  const [token, setToken] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [removeTwoFactor, setRemoveTwoFactor] = useState(false);
  const [secondFactorCode, setSecondFactorCode] = useState('');
  const canRemove = removalPolicy !== null && removalPolicy !== 'deny';
  const codeField = canRemove ? removalCodeField(removalPolicy, removeTwoFactor) : null;
  const code = secondFactorCode.trim();

  const { fields, form } = placeResetError(error, (field) => field !== 'secondFactorCode' || codeField !== null);
  const firstInvalid = RESET_FIELDS.find((field) => fields[field] !== undefined) ?? null;
  const tokenInput = useRef<HTMLInputElement>(null);
  const newPasswordInput = useRef<HTMLInputElement>(null);
  const repeatedInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  const formAlert = useRef<HTMLDivElement>(null);
  const shownError = useRef<SecurusErrorInfo | null>(null);
  useEffect(() => {
    // Once per error: the first field with a problem (or the form's own alert) comes into view with focus.
    if (error === null || error === shownError.current) {
      return;
    }
    shownError.current = error;
    if (firstInvalid !== null) {
      const inputs: Record<ResetField, HTMLInputElement | null> = {
        token: tokenInput.current,
        newPassword: newPasswordInput.current,
        repeated: repeatedInput.current,
        secondFactorCode: codeInput.current,
      };
      revealAndFocus(inputs[firstInvalid]);
    } else {
      formAlert.current?.scrollIntoView?.({ block: 'nearest' });
    }
  }, [error, firstInvalid]);

  async function requestNewCode() {
    // A new code makes the one typed so far useless (if the account exists): start the field afresh.
    if (await props.onRequestNewCode()) {
      setToken('');
      revealAndFocus(tokenInput.current);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) {
      return;
    }
    const problems = checkResetForm({ token, newPassword, repeated, secondFactorCode, codeField });
    if (problems.length > 0) {
      onReject(problems);
      return;
    }
    onSubmit({
      token: normalizeResetCode(token) ?? token,
      newPassword,
      removeTwoFactor: canRemove && removeTwoFactor,
      ...(codeField !== null && code !== '' ? { secondFactorCode: code } : {}),
    });
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Alert tone="info">
        <p>{sentMessage}</p>
      </Alert>
      <ResetCodeField
        ref={tokenInput}
        value={token}
        onChange={setToken}
        error={fields.token}
        resend={resend}
        onRequestNewCode={() => void requestNewCode()}
      />
      <TextField
        ref={newPasswordInput}
        label="New password"
        type="password"
        value={newPassword}
        onChange={setNewPassword}
        error={fields.newPassword}
        autoComplete="new-password"
        hint={`At least ${NEW_PASSWORD_MIN_LENGTH} characters.`}
        required
      />
      <TextField
        ref={repeatedInput}
        label="Repeat the new password"
        type="password"
        value={repeated}
        onChange={setRepeated}
        error={fields.repeated}
        autoComplete="new-password"
        required
      />
      {canRemove ? (
        <TwoFactorRemovalFields
          policy={removalPolicy}
          delayHours={removalDelayHours}
          removing={removeTwoFactor}
          onRemovingChange={setRemoveTwoFactor}
          code={secondFactorCode}
          onCodeChange={setSecondFactorCode}
          codeError={fields.secondFactorCode}
          codeRef={codeInput}
        />
      ) : null}
      {form ? (
        <div ref={formAlert}>
          <ErrorAlert error={form} />
        </div>
      ) : null}
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
