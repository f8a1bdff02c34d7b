import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice, type NoticeTone } from '../../components/Notice';
import { useServerInfo } from '../../lib/useServerInfo';
import { SecurityEvents } from './SecurityEvents';
import { TwoFactorEnabledView } from './TwoFactorEnabledView';
import { TwoFactorSetup } from './TwoFactorSetup';
import { useTwoFactorSetup } from './useTwoFactorSetup';
import { useTwoFactorStatus, type TwoFactorOverview } from './useTwoFactorStatus';

/**
 * User Settings → Two-Factor Authentication: setup when it is off, its management when it is on. With `autoStart`
 * (Home's Set up Two-Factor Authentication) setup begins at once, unless an unfinished one must be dealt with first.
 */
interface TwoFactorTabProps {
  autoStart?: boolean;
  /** Instead of the success notice here: the policy's required setup hands the console back (RequiredSetupView). */
  onEnabled?: (message: string) => void;
  /** The policy requires 2FA, and Reset 2FA has just made the session a setup-only one. */
  onSetupRequired?: (message: string) => void;
  /** A setup-only session may not list security events. */
  showSecurityEvents?: boolean;
}

export function TwoFactorTab(props: TwoFactorTabProps) {
  const { autoStart = false, onEnabled, onSetupRequired, showSecurityEvents = true } = props;
  const decideAutoStart = useRef<(loaded: TwoFactorOverview) => void>(() => undefined);
  const { overview, error, reload, version } = useTwoFactorStatus((loaded) => decideAutoStart.current(loaded));
  const serverInfo = useServerInfo();
  const [notice, setNotice] = useState<{ message: string; tone: NoticeTone } | null>(null);
  const changed = useCallback(
    (message: string) => {
      setNotice({ message, tone: 'success' });
      reload();
    },
    [reload],
  );
  // A cancelled setup also ends the server's note of an unfinished one.
  const setup = useTwoFactorSetup(serverInfo?.clockSkewSeconds ?? null, onEnabled ?? changed, reload);
  const { generate, restart } = setup;
  // The outcome of the last change belongs to it: a new setup starts with a clean slate.
  const startSetup = useCallback(async () => {
    setNotice(null);
    await generate();
  }, [generate]);
  const afterReset = useCallback(
    (message: string, setupRequired: boolean) => {
      if (setupRequired && onSetupRequired) {
        onSetupRequired(message);
        return;
      }
      restart();
      // 2FA off weakens the account: a warning, not a green success.
      setNotice({ message, tone: 'warning' });
      reload();
    },
    [onSetupRequired, reload, restart],
  );
  const unfinishedSetup = overview?.unfinishedSetup ?? null;
  // Decided once, on the first answer: an unfinished setup asks for its entry to be deleted first, and is not
  // followed by a setup starting on its own later (after a Cancel clears it, say).
  const autoStartDecided = useRef(false);
  useEffect(() => {
    decideAutoStart.current = (loaded) => {
      if (!autoStart || autoStartDecided.current) {
        return;
      }
      autoStartDecided.current = true;
      if (!loaded.twoFactor.enabled && !loaded.unfinishedSetup) {
        void startSetup();
      }
    };
  });

  if (!overview) {
    return error ? <ErrorAlert error={error} /> : <p className="muted">Loading…</p>;
  }
  const accountLabel = `${serverInfo?.issuer ?? 'Securus'}: ${overview.user.username}`;
  const enabled = overview.twoFactor.enabled;
  const justEnabled = setup.state.status === 'done';

  return (
    <div className="stack">
      {notice ? <Notice message={notice.message} tone={notice.tone} /> : null}
      <ErrorAlert error={error} />
      {enabled ? (
        <TwoFactorEnabledView
          status={overview.twoFactor}
          accountLabel={accountLabel}
          clockSkewSeconds={serverInfo?.clockSkewSeconds}
          onChanged={changed}
          onReset={afterReset}
        />
      ) : null}
      {!enabled && !justEnabled ? (
        <TwoFactorSetup
          setup={{ ...setup, generate: startSetup }}
          clockSkewSeconds={serverInfo?.clockSkewSeconds}
          accountLabel={accountLabel}
          unfinishedSetup={unfinishedSetup}
          focusUnfinished={autoStart}
        />
      ) : null}
      {!enabled && justEnabled ? <p className="muted">Loading…</p> : null}
      {showSecurityEvents ? <SecurityEvents refreshKey={version} /> : null}
    </div>
  );
}
