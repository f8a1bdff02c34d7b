import type { User } from '../../../shared/api';
import { UserMenu } from './UserMenu';

interface TopBarProps {
  user: User;
  /** Absent while the policy's required setup holds the console: the name is then not a way out of it. */
  onHome?: () => void;
  onOpenSettings?: () => void;
  onOpenSupervisors?: () => void;
  onSignOut: () => void;
}

export function TopBar({ user, onHome, onOpenSettings, onOpenSupervisors, onSignOut }: TopBarProps) {
  return (
    <header className="top-bar">
      {onHome ? (
        <button type="button" className="top-bar-brand" onClick={onHome}>
          Securus Console
        </button>
      ) : (
        <span className="top-bar-brand">Securus Console</span>
      )}
      <UserMenu
        user={user}
        onOpenSettings={onOpenSettings}
        onOpenSupervisors={onOpenSupervisors}
        onSignOut={onSignOut}
      />
    </header>
  );
}
