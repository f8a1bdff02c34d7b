import { useState, type FormEvent, type ReactNode } from 'react';
import type { ErrorCode, SecurusErrorInfo } from '../../shared/errors';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';
import { TextField } from './TextField';

interface PasswordDialogProps {
  title: string;
  description: string;
  confirmLabel: string;
  busy: boolean;
  error: SecurusErrorInfo | null;
  onSubmit: (password: string) => void;
  onCancel: () => void;
  danger?: boolean;
  children?: ReactNode;
}

/**
 * The server's words fit the sign-in form; this prompt has a password field alone and a supervisor already signed in.
 * A throttle's wait is counted down under its message.
 */
const PASSWORD_PROMPT_WORDING: Partial<Record<ErrorCode, string>> = {
  invalid_credentials: 'That password is not correct. Check it and try again.',
  password_throttled: 'Too many incorrect passwords in a row.',
  password_attempts_exhausted:
    'Your password is no longer checked after too many incorrect attempts. Sign out, then reset it with Forgot Password, or contact IT.',
};

export function passwordPromptError(error: SecurusErrorInfo | null): SecurusErrorInfo | null {
  const message = error ? PASSWORD_PROMPT_WORDING[error.code] : undefined;
  return error && message ? { ...error, message } : error;
}

/** The signed-in supervisor's own password, asked again (step-up): focused, and marked wrong when refused as such. */
export function CurrentPasswordField(props: {
  value: string;
  onChange: (value: string) => void;
  error: SecurusErrorInfo | null;
}) {
  return (
    <TextField
      label="Password"
      type="password"
      autoComplete="current-password"
      value={props.value}
      onChange={props.onChange}
      autoFocus
      required
      invalid={props.error?.code === 'invalid_credentials'}
    />
  );
}

/** Asks for the account password before a change to Two-Factor Authentication (step-up, ASVS 5.0 7.5.1). */
export function PasswordDialog(props: PasswordDialogProps) {
  const { title, description, confirmLabel, busy, error, onSubmit, onCancel, danger, children } = props;
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (password.length > 0 && !busy) {
      onSubmit(password);
    }
  }

  return (
    <Dialog title={title} description={description} onClose={busy ? undefined : onCancel}>
      <form onSubmit={submit} noValidate>
        {children}
        <CurrentPasswordField value={password} onChange={setPassword} error={error} />
        <ErrorAlert error={passwordPromptError(error)} />
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className={`button ${danger ? 'button-danger' : 'button-primary'}`}
            disabled={busy || password.length === 0}
          >
            {busy ? 'Please wait…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
