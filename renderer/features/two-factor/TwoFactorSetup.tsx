import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert';
import { ClockSkewHint } from '../../components/ClockSkewHint';
import { CodeField } from '../../components/CodeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordDialog } from '../../components/PasswordDialog';
import { formatDateTime } from '../../lib/formatDate';
import { BackupCodesDialog } from './BackupCodesDialog';
import { QrCodePanel } from './QrCodePanel';
import { SetupKey } from './SetupKey';
import type { useTwoFactorSetup } from './useTwoFactorSetup';

interface TwoFactorSetupProps {
  setup: ReturnType<typeof useTwoFactorSetup>;
  clockSkewSeconds: number | null | undefined;
}

export function TwoFactorSetup({ setup, clockSkewSeconds }: TwoFactorSetupProps) {
  const { state, generate, submitPassword, cancelPassword, verify, confirm } = setup;
  const [code, setCode] = useState('');

  function submitCode(event: FormEvent) {
    event.preventDefault();
    if (code !== '') {
      void verify(code);
    }
  }

  const enrollment = state.status === 'scanning' || state.status === 'backup_codes' ? state.enrollment : null;

  return (
    <div className="stack">
      <p>
        Two-Factor Authentication is off. Turn it on to protect your account with a code from an authenticator app
        (Google Authenticator, Microsoft Authenticator or another TOTP app) in addition to your password.
      </p>
      {state.status === 'expired' ? (
        <Alert tone="warning" title="This setup has expired">
          <p>For your security a QR code is valid for a few minutes only. Select Generate QR Code to get a new one.</p>
        </Alert>
      ) : null}
      {state.status === 'idle' ? <ErrorAlert error={state.error} /> : null}
      {enrollment === null ? (
        <div className="actions actions-start">
          <button
            type="button"
            className="button button-primary"
            onClick={() => void generate()}
            disabled={state.status === 'starting'}
          >
            {state.status === 'starting' ? 'Generating…' : 'Generate QR Code'}
          </button>
        </div>
      ) : (
        <section className="setup-grid" aria-label="Scan and verify">
          <div className="stack">
            <h3>1. Scan the QR code</h3>
            <QrCodePanel otpauthUri={enrollment.otpauthUri} accountLabel={enrollment.accountLabel} />
            <SetupKey secret={enrollment.secret} accountLabel={enrollment.accountLabel} />
          </div>
          <form className="stack" onSubmit={submitCode} noValidate>
            <h3>2. Enter the code from the app</h3>
            <ClockSkewHint skewSeconds={clockSkewSeconds} />
            <CodeField
              kind="totp"
              value={code}
              onChange={setCode}
              invalid={state.status === 'scanning' && state.error?.code === 'invalid_code'}
              hint={`This setup expires at ${formatDateTime(enrollment.expiresAt)}.`}
            />
            {state.status === 'scanning' ? <ErrorAlert error={state.error} /> : null}
            <div className="actions actions-start">
              <button
                type="submit"
                className="button button-primary"
                disabled={code === '' || (state.status === 'scanning' && state.busy)}
              >
                {state.status === 'scanning' && state.busy ? 'Verifying…' : 'Verify'}
              </button>
            </div>
          </form>
        </section>
      )}
      {state.status === 'password_required' ? (
        <PasswordDialog
          title="Confirm your password"
          description="For your security, enter your password again before you change Two-Factor Authentication."
          confirmLabel="Continue"
          busy={state.busy}
          error={state.error}
          onSubmit={(password) => void submitPassword(password)}
          onCancel={cancelPassword}
        />
      ) : null}
      {state.status === 'backup_codes' ? (
        <BackupCodesDialog
          codes={state.codes}
          accountLabel={enrollment?.accountLabel ?? ''}
          busy={state.busy}
          error={state.error}
          onConfirm={() => void confirm()}
        />
      ) : null}
    </div>
  );
}
