import type { User } from '../../../shared/api';
import { UserMenu } from './UserMenu';

interface TopBarProps {
  user: User;
  onHome: () => void;
  onOpenSettings: () => void;
  onSignOut: () => void;
}

export function TopBar({ user, onHome, onOpenSettings, onSignOut }: TopBarProps) {
  return (
    <header className="top-bar">
      <button type="button" className="top-bar-brand" onClick={onHome}>
        Securus Console
      </button>
      <UserMenu user={user} onOpenSettings={onOpenSettings} onSignOut={onSignOut} />
    </header>
  );
}
