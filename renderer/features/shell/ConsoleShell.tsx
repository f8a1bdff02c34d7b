import { useState } from 'react';
import type { User } from '../../../shared/api';
import { HomeView } from './HomeView';
import { TopBar } from './TopBar';
import { UserSettings } from './UserSettings';

interface ConsoleShellProps {
  user: User;
  backupCodesRemaining: number | null;
  onSignOut: () => void;
}

export function ConsoleShell({ user, backupCodesRemaining, onSignOut }: ConsoleShellProps) {
  const [view, setView] = useState<'home' | 'settings'>('home');
  return (
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
  );
}
