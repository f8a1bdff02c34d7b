import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { revealAndFocus } from '../../lib/revealField';

interface RequestCodeFormProps {
  busy: boolean;
  error: SecurusErrorInfo | null;
  onSubmit: (login: string) => void;
}

const ENTER_LOGIN = 'Enter your username, or the email address of your account.';

export function RequestCodeForm({ busy, error, onSubmit }: RequestCodeFormProps) {
  const [login, setLogin] = useState('');
  const [emptyTried, setEmptyTried] = useState(0);
  const field = useRef<HTMLInputElement>(null);
  // Whatever the server found wrong with the one field belongs beside it; a limit or an outage to the form.
  const invalidLogin = error?.code === 'validation_failed';
  const fieldError = emptyTried > 0 || invalidLogin ? ENTER_LOGIN : undefined;

  useEffect(() => {
    if (emptyTried > 0 || invalidLogin) {
      revealAndFocus(field.current);
    }
  }, [emptyTried, invalidLogin, error]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) {
      return;
    }
    if (login.trim() === '') {
      setEmptyTried((count) => count + 1);
      return;
    }
    setEmptyTried(0);
    onSubmit(login.trim());
  }

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p>Enter your username or the email address of your account. We will email you a code to set a new password.</p>
      <TextField
        ref={field}
        label="Username or email"
        value={login}
        onChange={setLogin}
        error={fieldError}
        autoComplete="username"
        autoFocus
        required
      />
      <ErrorAlert error={invalidLogin ? null : error} />
      <button type="submit" className="button button-primary button-wide" disabled={busy}>
        {busy ? 'Sending…' : 'Send code'}
      </button>
    </form>
  );
}
