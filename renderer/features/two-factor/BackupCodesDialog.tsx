import { useId, useState } from 'react';
import { formatBackupCode, normalizeBackupCode } from '../../../shared/codes';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { Alert } from '../../components/Alert';
import { CopyButton } from '../../components/CopyButton';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { errorText } from '../../lib/errorText';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import { printStatusText, saveStatusText } from './exportStatus';
import { SetupExpiry } from './SetupExpiry';

interface BackupCodesDialogProps {
  codes: string[];
  accountLabel: string;
  busy: boolean;
  error: SecurusErrorInfo | null;
  onConfirm: () => void;
  /** Setup only: abandons it (the codes never work). Regenerated codes are already in force and have no Cancel. */
  onCancel?: () => void;
  /** Setup only: the codes must be confirmed before the setup expires. */
  expiry?: { expiresAt: string; clockSkewSeconds: number | null | undefined };
}

export function displayBackupCode(code: string): string {
  const canonical = normalizeBackupCode(code);
  return canonical === null ? code : formatBackupCode(canonical);
}

/** Shown once: the codes, ways to keep them, and an acknowledgement before the dialog can close. */
export function BackupCodesDialog(props: BackupCodesDialogProps) {
  const { codes, accountLabel, busy, error, onConfirm, onCancel, expiry } = props;
  const bridge = useBridge();
  const cancelHintId = useId();
  const [saved, setSaved] = useState(false);
  const [status, setStatus] = useState('');
  const shown = codes.map(displayBackupCode);

  async function save() {
    try {
      setStatus(saveStatusText(await unwrap(bridge.saveBackupCodes({ codes: shown, accountLabel }))));
    } catch (failure) {
      setStatus(errorText(toErrorInfo(failure)));
    }
  }

  async function print() {
    try {
      setStatus(printStatusText(await unwrap(bridge.printBackupCodes({ codes: shown, accountLabel }))));
    } catch (failure) {
      setStatus(errorText(toErrorInfo(failure)));
    }
  }

  return (
    <Dialog
      title="Backup Codes"
      description="Use a backup code to sign in when you do not have your phone. Each code works once."
    >
      <Alert tone="warning">
        <p>These codes cannot be shown again. Save, print or copy them now and keep them somewhere safe.</p>
      </Alert>
      <ol className="backup-codes" aria-label={`Backup codes for ${accountLabel}`} data-testid="backup-codes">
        {shown.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="actions actions-start">
        <CopyButton text={shown.join('\n')} sensitive accessibleLabel="Copy the backup codes" />
        <button type="button" className="button button-secondary" onClick={() => void save()}>
          Save
        </button>
        <button type="button" className="button button-secondary" onClick={() => void print()}>
          Print
        </button>
      </div>
      <p className="copy-status" role="status">
        {status}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />I have saved these
        codes
      </label>
      {expiry ? <SetupExpiry expiresAt={expiry.expiresAt} clockSkewSeconds={expiry.clockSkewSeconds} /> : null}
      <ErrorAlert error={error} />
      <div className="actions">
        {onCancel ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={busy}
            onClick={onCancel}
            aria-describedby={cancelHintId}
          >
            Cancel
          </button>
        ) : null}
        <button type="button" className="button button-primary" disabled={!saved || busy} onClick={onConfirm}>
          {busy ? 'Please wait…' : 'Confirm'}
        </button>
      </div>
      {onCancel ? (
        <p id={cancelHintId} className="field-hint">
          Cancel leaves Two-Factor Authentication off. These codes and the new Securus entry in your authenticator app
          will then not work.
        </p>
      ) : null}
    </Dialog>
  );
}
