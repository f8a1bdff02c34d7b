import { useCallback, useMemo, useState } from 'react';
import type { TwoFactorRequirement, User } from '../../../shared/api';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { withSessionWatch } from '../../app/sessionWatch';
import { BridgeProvider, useBridge } from '../../lib/bridge';
import { SupervisorsView } from '../admin/SupervisorsView';
import { RequiredSetupView } from '../two-factor/RequiredSetupView';
import { HomeView } from './HomeView';
import { TopBar } from './TopBar';
import { UserSettings } from './UserSettings';

interface ConsoleShellProps {
  user: User;
  backupCodesRemaining: number | null;
  /** From the sign-in: the policy requires 2FA of this account by a date, or (`setupOnly`) now. */
  twoFactorRequirement?: TwoFactorRequirement | null;
  onSignOut: () => void;
  onSessionEnded: (error: SecurusErrorInfo) => void;
}

export function ConsoleShell(props: ConsoleShellProps) {
  const { user, backupCodesRemaining, twoFactorRequirement = null, onSignOut, onSessionEnded } = props;
  // While `setupOnly`, the server answers nothing but 2FA setup: the console shows only that, then the home view
  // with the setup's confirmation (`enabledNotice`).
  const [requirement, setRequirement] = useState(twoFactorRequirement);
  const [requiredBecause, setRequiredBecause] = useState<string | null>(null);
  const [enabledNotice, setEnabledNotice] = useState<string | null>(null);
  // `visit` counts choices, so choosing the view on screen again still moves focus to its heading.
  // `startSetup`: Home's Set up Two-Factor Authentication opens the tab with Generate QR Code already under way.
  const [{ view, visit, startSetup }, setRoute] = useState<{
    view: 'home' | 'settings' | 'supervisors';
    visit: number;
    startSetup: boolean;
  }>({ view: 'home', visit: 0, startSetup: false });
  const setView = (next: 'home' | 'settings' | 'supervisors', startsSetup = false) => {
    setEnabledNotice(null);
    setRoute((current) => ({ view: next, visit: current.visit + 1, startSetup: startsSetup }));
  };
  const requireSetup = useCallback((because: string) => {
    setRequiredBecause(because);
    setRequirement((current) => ({ graceEndsAt: current?.graceEndsAt ?? new Date().toISOString(), setupOnly: true }));
  }, []);
  const setupCompleted = useCallback((message: string) => {
    setRequirement(null);
    setEnabledNotice(message);
    setRoute((current) => ({ view: 'home', visit: current.visit + 1, startSetup: false }));
  }, []);
  const bridge = useBridge();
  const watched = useMemo(
    () => withSessionWatch(bridge, onSessionEnded, (error) => requireSetup(error.message)),
    [bridge, onSessionEnded, requireSetup],
  );
  if (requirement?.setupOnly) {
    return (
      <BridgeProvider bridge={watched}>
        <div className="shell">
          <TopBar user={user} onSignOut={onSignOut} />
          <main className="shell-main">
            <RequiredSetupView
              graceEndsAt={requirement.graceEndsAt}
              reason={requiredBecause}
              onEnabled={setupCompleted}
            />
          </main>
        </div>
      </BridgeProvider>
    );
  }
  return (
    <BridgeProvider bridge={watched}>
      <div className="shell">
        <TopBar
          user={user}
          onHome={() => setView('home')}
          onOpenSettings={() => setView('settings')}
          onOpenSupervisors={user.role === 'admin' ? () => setView('supervisors') : undefined}
          onSignOut={onSignOut}
        />
        <main className="shell-main">
          {view === 'home' ? (
            <HomeView
              user={user}
              backupCodesRemaining={backupCodesRemaining}
              onOpenSettings={() => setView('settings')}
              onStartSetup={() => setView('settings', true)}
              visit={visit}
              twoFactorRequirement={requirement}
              notice={enabledNotice}
            />
          ) : view === 'supervisors' ? (
            <SupervisorsView user={user} visit={visit} />
          ) : (
            <UserSettings visit={visit} startTwoFactorSetup={startSetup} onSetupRequired={requireSetup} />
          )}
        </main>
      </div>
    </BridgeProvider>
  );
}
