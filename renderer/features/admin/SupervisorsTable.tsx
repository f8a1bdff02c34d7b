import type { Supervisor } from '../../../shared/api';
import { formatDateTime } from '../../lib/formatDate';
import type { AdminActionKind } from './adminActions';
import { ADMIN_ACTIONS } from './adminActions';

interface SupervisorsTableProps {
  supervisors: Supervisor[];
  /** The signed-in administrator: their own 2FA is changed in their own User Settings, not from here. */
  ownId: string;
  caption: string;
  onAction: (kind: AdminActionKind, supervisor: Supervisor) => void;
}

function twoFactorText(row: Supervisor): string {
  if (!row.twoFactorEnabled) {
    return 'Off';
  }
  return row.twoFactorEnabledAt ? `On since ${formatDateTime(row.twoFactorEnabledAt)}` : 'On';
}

/** Only actions that can do something: the server refuses the others (own account, 2FA off). */
function actionsFor(row: Supervisor, ownId: string): AdminActionKind[] {
  const twoFactorActions: AdminActionKind[] =
    row.twoFactorEnabled && row.id !== ownId ? ['reset-two-factor', 'require-new-backup-codes'] : [];
  return [...twoFactorActions, 'unlock'];
}

export function SupervisorsTable({ supervisors, ownId, caption, onAction }: SupervisorsTableProps) {
  return (
    <table className="events supervisors-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Name</th>
          <th scope="col">2FA</th>
          <th scope="col">Backup codes left</th>
          <th scope="col">Locked until</th>
          <th scope="col">Last sign-in</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {supervisors.map((row) => (
          <tr key={row.id} data-testid={`supervisor-${row.username}`}>
            <th scope="row">
              {row.username}
              {row.id === ownId ? <span className="muted"> (you)</span> : null}
            </th>
            <td>{row.displayName || '—'}</td>
            <td>{twoFactorText(row)}</td>
            <td>{row.twoFactorEnabled ? row.backupCodesRemaining : '—'}</td>
            <td>{row.lockedUntil ? formatDateTime(row.lockedUntil) : 'Not locked'}</td>
            <td>{row.lastSignInAt ? formatDateTime(row.lastSignInAt) : 'Never'}</td>
            <td>
              <div className="row-actions">
                {actionsFor(row, ownId).map((kind) => (
                  <button
                    key={kind}
                    type="button"
                    className="button button-secondary button-small"
                    aria-label={`${ADMIN_ACTIONS[kind].label} for ${row.username}`}
                    onClick={() => onAction(kind, row)}
                  >
                    {ADMIN_ACTIONS[kind].label}
                  </button>
                ))}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
