import { useCallback, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { useServerInfo } from '../../lib/useServerInfo';
import { SecurityEvents } from './SecurityEvents';
import { TwoFactorEnabledView } from './TwoFactorEnabledView';
import { TwoFactorSetup } from './TwoFactorSetup';
import { useTwoFactorSetup } from './useTwoFactorSetup';
import { useTwoFactorStatus } from './useTwoFactorStatus';

/** User Settings → Two-Factor Authentication: setup when it is off, its management when it is on. */
export function TwoFactorTab() {
  const { overview, error, reload, version } = useTwoFactorStatus();
  const serverInfo = useServerInfo();
  const [notice, setNotice] = useState<string | null>(null);
  const changed = useCallback(
    (message: string) => {
      setNotice(message);
      reload();
    },
    [reload],
  );
  const setup = useTwoFactorSetup(serverInfo?.clockSkewSeconds ?? null, changed);

  if (!overview) {
    return error ? <ErrorAlert error={error} /> : <p className="muted">Loading…</p>;
  }
  const accountLabel = `${serverInfo?.issuer ?? 'Securus'}: ${overview.user.username}`;
  const enabled = overview.twoFactor.enabled;
  const justEnabled = setup.state.status === 'done';

  function afterReset(message: string) {
    setup.restart();
    changed(message);
  }

  return (
    <div className="stack">
      {notice ? <Notice message={notice} /> : null}
      <ErrorAlert error={error} />
      {enabled ? (
        <TwoFactorEnabledView status={overview.twoFactor} accountLabel={accountLabel} onChanged={afterReset} />
      ) : null}
      {!enabled && !justEnabled ? (
        <TwoFactorSetup setup={setup} clockSkewSeconds={serverInfo?.clockSkewSeconds} />
      ) : null}
      {!enabled && justEnabled ? <p className="muted">Loading…</p> : null}
      <SecurityEvents refreshKey={version} />
    </div>
  );
}
