import { useState, type FormEvent } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';

interface RequestCodeFormProps {
  busy: boolean;
  error: SecurusErrorInfo | null;
  onSubmit: (login: string) => void;
}

export function RequestCodeForm({ busy, error, onSubmit }: RequestCodeFormProps) {
  const [login, setLogin] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && login.trim() !== '') {
      onSubmit(login.trim());
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>Enter your username or the email address of your account. We will email you a code to set a new password.</p>
      <TextField
        label="Username or email"
        value={login}
        onChange={setLogin}
        autoComplete="username"
        autoFocus
        required
      />
      <ErrorAlert error={error} />
      <button type="submit" className="button button-primary button-wide" disabled={busy || login.trim() === ''}>
        {busy ? 'Sending…' : 'Send code'}
      </button>
    </form>
  );
}
