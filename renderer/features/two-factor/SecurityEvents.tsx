import { useCallback } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { unwrap, useBridge } from '../../lib/bridge';
import { formatDateTime } from '../../lib/formatDate';
import { useBridgeQuery } from '../../lib/useBridgeQuery';
import { SECURITY_EVENT_LABELS } from './securityEventLabels';

const SHOWN_EVENTS = 10;

/** The account's recent security events; `refreshKey` changes whenever the caller knows new ones exist. */
export function SecurityEvents({ refreshKey }: { refreshKey: number }) {
  const bridge = useBridge();
  const load = useCallback(
    async () => (await unwrap(bridge.listSecurityEvents({}))).events.slice(0, SHOWN_EVENTS),
    [bridge],
  );
  const { data: events, error } = useBridgeQuery(load, refreshKey);

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
