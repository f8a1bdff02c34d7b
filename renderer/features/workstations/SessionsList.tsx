import type { ActiveSessionEntry } from '../../../shared/api';
import { formatDateTime } from '../../lib/formatDate';
import type { WorkstationAction } from './useWorkstations';

interface SessionsListProps {
  sessions: ActiveSessionEntry[];
  pending: WorkstationAction | null;
  onSignOut: (id: string, label: string) => void;
}

/** The account's live sessions; this console's own is marked and signs out from the name menu as usual. */
export function SessionsList({ sessions, pending, onSignOut }: SessionsListProps) {
  return (
    <section className="stack" aria-labelledby="active-sessions-title">
      <h3 id="active-sessions-title">Active sessions</h3>
      <table className="events" aria-labelledby="active-sessions-title">
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Signed in</th>
            <th scope="col">Last active</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((item) => {
            const label = `The session signed in ${formatDateTime(item.createdAt)}`;
            return (
              <tr key={item.id}>
                <td>{item.current ? <strong>This console (current)</strong> : 'Another sign-in'}</td>
                <td className="event-time">{formatDateTime(item.createdAt)}</td>
                <td className="event-time">{formatDateTime(item.lastSeenAt)}</td>
                <td>
                  {item.current ? null : (
                    <button
                      type="button"
                      className="button button-secondary"
                      aria-label={`Sign out the session signed in ${formatDateTime(item.createdAt)}`}
                      disabled={pending !== null}
                      onClick={() => onSignOut(item.id, label)}
                    >
                      {pending?.id === item.id ? 'Signing out…' : 'Sign out'}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
