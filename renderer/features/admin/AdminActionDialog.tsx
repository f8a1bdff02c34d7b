import { useState, type FormEvent } from 'react';
import { ADMIN_REASON_MIN_LENGTH } from '../../../shared/api';
import { Alert } from '../../components/Alert';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CurrentPasswordField, passwordPromptError } from '../../components/PasswordDialog';
import { TextField } from '../../components/TextField';
import type { AdminActionState } from './useAdminAction';

interface AdminActionDialogProps {
  state: Exclude<AdminActionState, { status: 'closed' }>;
  onSubmitReason: (reason: string) => void;
  onSubmitPassword: (password: string) => void;
  onCancel: () => void;
}

/**
 * One administrator action: first the reason, then, when the server asks for it, the password again. One dialog for
 * both steps, so focus returns to the row's button however it ends.
 */
export function AdminActionDialog({ state, onSubmitReason, onSubmitPassword, onCancel }: AdminActionDialogProps) {
  const { action, supervisor, busy, error } = state;
  const [reason, setReason] = useState(state.reason);
  const [password, setPassword] = useState('');
  const asksPassword = state.status === 'password';
  // A reason the form refused is the field's problem; anything the server said is the dialog's.
  const reasonProblem = !asksPassword && error?.code === 'validation_failed' ? error.message : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) {
      return;
    }
    if (asksPassword) {
      if (password.length > 0) {
        onSubmitPassword(password);
      }
    } else {
      onSubmitReason(reason);
    }
  }

  return (
    <Dialog title={action.label} description={action.describe(supervisor)} onClose={busy ? undefined : onCancel}>
      <form onSubmit={submit} noValidate>
        {asksPassword ? (
          <>
            <p className="admin-reason-given">
              <strong>Reason:</strong> {state.reason}
            </p>
            <Alert tone="info">
              <p>For your security, enter your password again to continue.</p>
            </Alert>
            <CurrentPasswordField value={password} onChange={setPassword} error={error} />
          </>
        ) : (
          <TextField
            label="Reason"
            value={reason}
            onChange={setReason}
            autoFocus
            required
            maxLength={500}
            autoComplete="off"
            error={reasonProblem}
            hint={`At least ${ADMIN_REASON_MIN_LENGTH} characters. Audited with your name and emailed to ${supervisor.username}.`}
          />
        )}
        <ErrorAlert error={reasonProblem ? null : asksPassword ? passwordPromptError(error) : error} />
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className={`button ${action.danger ? 'button-danger' : 'button-primary'}`}
            disabled={busy || (asksPassword && password.length === 0)}
          >
            {busy ? 'Please wait…' : action.label}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
