import { useState, type FormEvent, type Ref } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ClockSkewHint } from '../../components/ClockSkewHint';
import { CodeField } from '../../components/CodeField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QrCodePanel } from './QrCodePanel';
import type { Enrollment } from './setupMachine';
import { SetupExpiry } from './SetupExpiry';
import { SetupKey } from './SetupKey';

interface SetupScanStepProps {
  enrollment: Enrollment;
  /** Only while scanning: over the Backup Codes popup the step stays behind it, untouched. */
  scanning: { busy: boolean; error: SecurusErrorInfo | null } | null;
  clockSkewSeconds: number | null | undefined;
  onVerify: (code: string) => void;
  onCancel: () => void;
  headingRef: Ref<HTMLHeadingElement>;
}

/** The QR code and setup key, and the code that proves the app has them; Cancel abandons the setup. */
export function SetupScanStep(props: SetupScanStepProps) {
  const { enrollment, scanning, clockSkewSeconds, onVerify, onCancel, headingRef } = props;
  const [code, setCode] = useState('');
  const busy = scanning?.busy ?? false;

  function submitCode(event: FormEvent) {
    event.preventDefault();
    if (code !== '' && !busy) {
      onVerify(code);
    }
  }

  return (
    <section className="setup-grid" aria-label="Scan and verify">
      <div className="stack">
        <h3 ref={headingRef} tabIndex={-1}>
          1. Scan the QR code
        </h3>
        <QrCodePanel otpauthUri={enrollment.otpauthUri} accountLabel={enrollment.accountLabel} />
        <SetupKey secret={enrollment.secret} accountLabel={enrollment.accountLabel} />
      </div>
      <form className="stack" onSubmit={submitCode} noValidate>
        <h3>2. Enter the code from the app</h3>
        <ClockSkewHint skewSeconds={clockSkewSeconds} />
        <CodeField kind="totp" value={code} onChange={setCode} invalid={scanning?.error?.code === 'invalid_code'} />
        <SetupExpiry expiresAt={enrollment.expiresAt} clockSkewSeconds={clockSkewSeconds} />
        <ErrorAlert error={scanning?.error ?? null} />
        <div className="actions actions-start">
          <button type="submit" className="button button-primary" disabled={code === '' || busy}>
            {busy ? 'Please wait…' : 'Verify'}
          </button>
          <button type="button" className="button button-secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
