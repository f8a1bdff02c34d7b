import { useMemo, useState } from 'react';
import type { User } from '../../../shared/api';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { withSessionWatch } from '../../app/sessionWatch';
import { BridgeProvider, useBridge } from '../../lib/bridge';
import { HomeView } from './HomeView';
import { TopBar } from './TopBar';
import { UserSettings } from './UserSettings';

interface ConsoleShellProps {
  user: User;
  backupCodesRemaining: number | null;
  onSignOut: () => void;
  onSessionEnded: (error: SecurusErrorInfo) => void;
}

export function ConsoleShell({ user, backupCodesRemaining, onSignOut, onSessionEnded }: ConsoleShellProps) {
  // `visit` counts choices, so choosing the view on screen again still moves focus to its heading.
  // `startSetup`: Home's Set up Two-Factor Authentication opens the tab with Generate QR Code already under way.
  const [{ view, visit, startSetup }, setRoute] = useState<{
    view: 'home' | 'settings';
    visit: number;
    startSetup: boolean;
  }>({ view: 'home', visit: 0, startSetup: false });
  const setView = (next: 'home' | 'settings', startsSetup = false) =>
    setRoute((current) => ({ view: next, visit: current.visit + 1, startSetup: startsSetup }));
  const bridge = useBridge();
  const watched = useMemo(() => withSessionWatch(bridge, onSessionEnded), [bridge, onSessionEnded]);
  return (
    <BridgeProvider bridge={watched}>
      <div className="shell">
        <TopBar
          user={user}
          onHome={() => setView('home')}
          onOpenSettings={() => setView('settings')}
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
            />
          ) : (
            <UserSettings visit={visit} startTwoFactorSetup={startSetup} />
          )}
        </main>
      </div>
    </BridgeProvider>
  );
}
