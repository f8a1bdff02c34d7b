import { useState, type FormEvent, type ReactNode } from 'react';
import type { SecurusErrorInfo } from '../../shared/errors';
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
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          autoFocus
          required
          invalid={error?.code === 'invalid_credentials'}
        />
        <ErrorAlert error={error} />
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
