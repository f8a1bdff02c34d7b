import { useState } from 'react';
import { errorText } from '../lib/errorText';
import { toErrorInfo, unwrap, useBridge } from '../lib/bridge';

interface CopyButtonProps {
  text: string;
  /** Secrets (setup key, backup codes) are cleared from the clipboard by the main process after a while. */
  sensitive: boolean;
  label?: string;
  accessibleLabel?: string;
}

export function CopyButton({ text, sensitive, label = 'Copy', accessibleLabel }: CopyButtonProps) {
  const bridge = useBridge();
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      const { clearsAfterSeconds } = await unwrap(bridge.copyToClipboard({ text, sensitive }));
      setStatus(
        clearsAfterSeconds === null ? 'Copied.' : `Copied. The clipboard is cleared in ${clearsAfterSeconds} seconds.`,
      );
    } catch (error) {
      setStatus(errorText(toErrorInfo(error)));
    }
  }

  return (
    <span className="copy">
      <button
        type="button"
        className="button button-secondary"
        onClick={() => void copy()}
        aria-label={accessibleLabel}
      >
        {label}
      </button>
      <span className="copy-status" role="status">
        {status}
      </span>
    </span>
  );
}
