import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { User } from '../../../shared/api';

interface UserMenuProps {
  user: User;
  /** Absent while the policy's required setup holds the console: Sign out is then the only item. */
  onOpenSettings?: () => void;
  /** An administrator's Supervisors view; the item shows only for an administrator. */
  onOpenSupervisors?: () => void;
  onSignOut: () => void;
}

/** The supervisor's name in the top-right corner; a menu button (WAI-ARIA menu pattern) with its two actions. */
export function UserMenu({ user, onOpenSettings, onOpenSupervisors, onSignOut }: UserMenuProps) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (open) {
      menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    }
  }, [open]);

  useEffect(() => {
    if (!open) {
      return undefined;
    }
    function closeOnOutsideClick(event: MouseEvent) {
      if (!menu.current?.contains(event.target as Node) && !button.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    }
    document.addEventListener('mousedown', closeOnOutsideClick);
    return () => document.removeEventListener('mousedown', closeOnOutsideClick);
  }, [open]);

  function choose(action: () => void) {
    setOpen(false);
    action();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const items = Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    if (event.key === 'Escape' || event.key === 'Tab') {
      setOpen(false);
      button.current?.focus();
      if (event.key === 'Escape') {
        event.preventDefault();
      }
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(index + step + items.length) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? items[0] : items[items.length - 1])?.focus();
    }
  }

  return (
    <div className="user-menu">
      <button
        ref={button}
        type="button"
        className="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="avatar" aria-hidden="true">
          {(user.displayName || user.username).slice(0, 1).toUpperCase()}
        </span>
        <span className="user-name">{user.displayName || user.username}</span>
      </button>
      {open ? (
        <ul ref={menu} id={`${id}-menu`} className="menu" role="menu" aria-label="Account" onKeyDown={onMenuKeyDown}>
          {onOpenSettings ? (
            <li role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(onOpenSettings)}>
                User Settings
              </button>
            </li>
          ) : null}
          {onOpenSupervisors && user.role === 'admin' ? (
            <li role="none">
              <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(onOpenSupervisors)}>
                Supervisors
              </button>
            </li>
          ) : null}
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => choose(onSignOut)}>
              Sign out
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}
