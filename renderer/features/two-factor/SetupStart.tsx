import { useEffect, useRef } from 'react';
import { Alert } from '../../components/Alert';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { formatDateTime } from '../../lib/formatDate';
import type { CancelledSetup, SetupState } from './setupMachine';

export interface UnfinishedSetup {
  verifiedAt: string;
}

interface SetupStartProps {
  state: SetupState;
  /** "Securus: alice", as the authenticator app lists the entry. */
  accountLabel: string;
  unfinishedSetup: UnfinishedSetup | null;
  /** Arriving from Home with an unfinished setup: the warning takes focus, since it asks for something first. */
  focusUnfinished: boolean;
  onGenerate: () => void;
}

export function cancelledText(cancelled: CancelledSetup, accountLabel: string, serverTold: boolean): string {
  const entry = `delete the new “${accountLabel}” entry from your authenticator app: it will not work.`;
  const what =
    cancelled === 'after_verify'
      ? `Setup cancelled. Two-Factor Authentication is still off and the backup codes you were shown will not work; ${entry}`
      : `Setup cancelled. Two-Factor Authentication is still off. If you already scanned the QR code or typed the setup key, ${entry}`;
  return serverTold ? what : `${what} The unfinished setup expires by itself within 10 minutes.`;
}

/** Before a setup: what happened to the last one (expired, cancelled, never finished), and Generate QR Code. */
export function SetupStart({ state, accountLabel, unfinishedSetup, focusUnfinished, onGenerate }: SetupStartProps) {
  const cancelled = state.status === 'idle' ? state.cancelled : undefined;
  const unfinished = useRef<HTMLDivElement>(null);
  const showUnfinished = unfinishedSetup !== null && cancelled === undefined;
  useEffect(() => {
    if (focusUnfinished && showUnfinished) {
      unfinished.current?.focus();
    }
  }, [focusUnfinished, showUnfinished]);

  return (
    <>
      {state.status === 'expired' ? (
        <Alert tone="warning" title="This setup has expired">
          <p>For your security a QR code is valid for a few minutes only. Select Generate QR Code to get a new one.</p>
        </Alert>
      ) : null}
      {cancelled !== undefined ? (
        <Notice
          tone="warning"
          message={cancelledText(cancelled, accountLabel, state.status === 'idle' && !state.error)}
        />
      ) : null}
      {showUnfinished ? (
        <div ref={unfinished} tabIndex={-1} data-testid="unfinished-setup">
          <Alert tone="warning" title="Your last setup was not finished">
            <p>
              Two-Factor Authentication is still off. The “{accountLabel}” entry that setup added to your authenticator
              app on {formatDateTime(unfinishedSetup.verifiedAt)} will never work. Delete it from the app before you
              select Generate QR Code, so that only the new entry remains.
            </p>
          </Alert>
        </div>
      ) : null}
      {state.status === 'idle' ? <ErrorAlert error={state.error} /> : null}
      <div className="actions actions-start">
        <button
          type="button"
          className="button button-primary"
          onClick={onGenerate}
          disabled={state.status === 'starting'}
        >
          {state.status === 'starting' ? 'Generating…' : 'Generate QR Code'}
        </button>
      </div>
    </>
  );
}
