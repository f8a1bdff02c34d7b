import type { Ref } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import type { ResendState } from './useForgotPassword';

interface ResetCodeFieldProps {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  resend: ResendState;
  onRequestNewCode: () => void;
  ref?: Ref<HTMLInputElement>;
}

/** The code from the email, and Send a new code right under it: what a wrong or expired code asks for. */
export function ResetCodeField({ value, onChange, error, resend, onRequestNewCode, ref }: ResetCodeFieldProps) {
  return (
    <div className="stack stack-tight">
      <TextField
        ref={ref}
        label="Code from the email"
        value={value}
        onChange={onChange}
        error={error}
        autoComplete="one-time-code"
        spellCheck={false}
        autoFocus
        required
      />
      <div>
        {/* Not `disabled` while busy: a disabled button drops keyboard focus to the page. */}
        <button
          type="button"
          className="link-button"
          aria-disabled={resend.busy || undefined}
          onClick={() => {
            if (!resend.busy) {
              onRequestNewCode();
            }
          }}
        >
          {resend.busy ? 'Sending a new code…' : 'Send a new code'}
        </button>
      </div>
      <ErrorAlert error={resend.error} />
    </div>
  );
}
