import { useEffect, useState } from 'react';
import type { SecurityEvent } from '../../../shared/api';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import { formatDateTime } from '../../lib/formatDate';
import { SECURITY_EVENT_LABELS } from './securityEventLabels';

const SHOWN_EVENTS = 10;

/** The account's recent security events; `refreshKey` changes whenever the caller knows new ones exist. */
export function SecurityEvents({ refreshKey }: { refreshKey: number }) {
  const bridge = useBridge();
  const [events, setEvents] = useState<SecurityEvent[] | null>(null);
  const [error, setError] = useState<SecurusErrorInfo | null>(null);

  useEffect(() => {
    let current = true;
    unwrap(bridge.listSecurityEvents({}))
      .then(({ events: loaded }) => {
        if (current) {
          setEvents(loaded.slice(0, SHOWN_EVENTS));
          setError(null);
        }
      })
      .catch((failure: unknown) => {
        if (current) {
          setError(toErrorInfo(failure));
        }
      });
    return () => {
      current = false;
    };
  }, [bridge, refreshKey]);

  return (
    <section className="stack" aria-labelledby="security-events-title">
      <h3 id="security-events-title">Recent security events</h3>
      <ErrorAlert error={error} />
      {events === null && error === null ? <p className="muted">Loading…</p> : null}
      {events !== null && events.length === 0 ? <p className="muted">No security events yet.</p> : null}
      {events !== null && events.length > 0 ? (
        <table className="events">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">When</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id}>
                <td>{SECURITY_EVENT_LABELS[event.type] ?? event.type}</td>
                <td>{formatDateTime(event.at)}</td>
                <td>{event.ipAddress ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
