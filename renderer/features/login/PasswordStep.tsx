import { useState, type FormEvent } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';

interface PasswordStepProps {
  busy: boolean;
  error: SecurusErrorInfo | null;
  onSubmit: (username: string, password: string) => void;
  onForgotPassword: () => void;
}

export function PasswordStep({ busy, error, onSubmit, onForgotPassword }: PasswordStepProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!busy && username.trim() !== '' && password !== '') {
      onSubmit(username.trim(), password);
    }
  }

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Securus Console</h1>
      <TextField label="Username" value={username} onChange={setUsername} autoComplete="username" autoFocus required />
      <TextField
        label="Password"
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="current-password"
        required
        invalid={error?.code === 'invalid_credentials'}
      />
      <ErrorAlert error={error} />
      <button
        type="submit"
        className="button button-primary button-wide"
        disabled={busy || username.trim() === '' || password === ''}
      >
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <button type="button" className="link-button" onClick={onForgotPassword}>
        Forgot Password
      </button>
    </form>
  );
}
