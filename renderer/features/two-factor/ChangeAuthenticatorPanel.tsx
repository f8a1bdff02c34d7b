import { useState, type FormEvent } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ClockSkewHint } from '../../components/ClockSkewHint';
import { CodeField } from '../../components/CodeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/formatDate';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import type { AuthenticatorChange } from './changeAuthenticatorMachine';
import { QrCodePanel } from './QrCodePanel';
import { SetupKey } from './SetupKey';

interface ChangeAuthenticatorPanelProps {
  change: AuthenticatorChange;
  busy: boolean;
  error: SecurusErrorInfo | null;
  clockSkewSeconds: number | null | undefined;
  onVerify: (code: string) => void;
  onCancel: () => void;
}

/** The new app's QR code and setup key, and the code that proves it works; the old app keeps working until then. */
export function ChangeAuthenticatorPanel(props: ChangeAuthenticatorPanelProps) {
  const { change, busy, error, clockSkewSeconds, onVerify, onCancel } = props;
  const [code, setCode] = useState('');
  // The change replaces its own button (and perhaps a password prompt): keyboard and screen-reader users land here.
  const heading = useFocusOnMount<HTMLHeadingElement>();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (code !== '' && !busy) {
      onVerify(code);
    }
  }

  return (
    <section className="stack" aria-labelledby="change-authenticator-title">
      <h3 id="change-authenticator-title" ref={heading} tabIndex={-1}>
        Change authenticator app
      </h3>
      <p>
        Add Securus to the authenticator app on your new phone, then enter the code it shows. Until then your current
        app keeps working. Your backup codes stay the same.
      </p>
      <div className="setup-grid">
        <div className="stack">
          <h4>1. Scan the QR code with the new app</h4>
          <QrCodePanel otpauthUri={change.otpauthUri} accountLabel={change.accountLabel} />
          <SetupKey secret={change.secret} accountLabel={change.accountLabel} />
        </div>
        <form className="stack" onSubmit={submit} noValidate>
          <h4>2. Enter the code from the new app</h4>
          <ClockSkewHint skewSeconds={clockSkewSeconds} />
          <CodeField
            kind="totp"
            value={code}
            onChange={setCode}
            invalid={error?.code === 'invalid_code'}
            hint={`This change expires at ${formatDateTime(change.expiresAt)}.`}
          />
          <ErrorAlert error={error} />
          <div className="actions actions-start">
            <button type="submit" className="button button-primary" disabled={code === '' || busy}>
              {busy ? 'Verifying…' : 'Verify'}
            </button>
            <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
              Cancel
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
