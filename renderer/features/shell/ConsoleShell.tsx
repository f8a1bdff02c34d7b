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
  const [view, setView] = useState<'home' | 'settings'>('home');
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
            />
          ) : (
            <UserSettings />
          )}
        </main>
      </div>
    </BridgeProvider>
  );
}
