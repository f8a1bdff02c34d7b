import type { RememberedWorkstation } from '../../../shared/api';
import { formatDateTime } from '../../lib/formatDate';
import type { WorkstationAction } from './useWorkstations';

interface RememberedWorkstationsListProps {
  workstations: RememberedWorkstation[];
  pending: WorkstationAction | null;
  onForget: (id: string, label: string) => void;
}

/** Workstations where signing in needs only the password until they expire; *Forget* makes one ask again. */
export function RememberedWorkstationsList({ workstations, pending, onForget }: RememberedWorkstationsListProps) {
  return (
    <section className="stack" aria-labelledby="remembered-workstations-title">
      <h3 id="remembered-workstations-title">Remembered workstations</h3>
      {workstations.length === 0 ? (
        <p className="muted">No workstation skips the code: every sign-in asks for one.</p>
      ) : (
        <table className="events" aria-labelledby="remembered-workstations-title">
          <thead>
            <tr>
              <th scope="col">Workstation</th>
              <th scope="col">Remembered</th>
              <th scope="col">Last used</th>
              <th scope="col">Until</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {workstations.map((item) => (
              <tr key={item.id}>
                <td>{item.label}</td>
                <td className="event-time">{formatDateTime(item.createdAt)}</td>
                <td className="event-time">{item.lastUsedAt ? formatDateTime(item.lastUsedAt) : 'Not yet'}</td>
                <td className="event-time">{formatDateTime(item.expiresAt)}</td>
                <td>
                  <button
                    type="button"
                    className="button button-secondary"
                    aria-label={`Forget ${item.label}`}
                    disabled={pending !== null}
                    onClick={() => onForget(item.id, item.label)}
                  >
                    {pending?.id === item.id ? 'Forgetting…' : 'Forget'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
