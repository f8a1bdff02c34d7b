import { useEffect, useRef } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTimeToTheSecond } from '../../lib/formatDate';
import { describeSecurityEvent } from './securityEventText';
import { MOST_SHOWN, useSecurityEvents } from './useSecurityEvents';

function countText(count: number, olderExist: boolean): string {
  if (!olderExist) {
    return count === 1 ? 'Showing the only event.' : `Showing all ${count} events.`;
  }
  return count >= MOST_SHOWN
    ? `Showing the latest ${count} events, the most this list shows.`
    : `Showing the latest ${count} events.`;
}

/** The account's security events, one row per sign-in; `refreshKey` changes whenever the caller knows new ones exist. */
export function SecurityEvents({ refreshKey }: { refreshKey: number }) {
  const { events, olderExist, error, loadingMore, added, canShowMore, showMore } = useSecurityEvents(refreshKey);
  // After Show more, focus moves to the first new row: the keyboard continues where the new rows begin.
  const firstNewRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    if (added !== null) {
      firstNewRow.current?.focus();
    }
  }, [added]);

  return (
    <section className="stack" aria-labelledby="security-events-title">
      <h3 id="security-events-title">Recent security events</h3>
      {events === null && error === null ? <p className="muted">Loading…</p> : null}
      {events !== null && events.length === 0 ? <p className="muted">No security events yet.</p> : null}
      {events !== null && events.length > 0 ? (
        <table className="events" aria-labelledby="security-events-title" aria-describedby="security-events-count">
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Method</th>
              <th scope="col">Result</th>
              <th scope="col">When</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {events.map((item, index) => {
              const row = describeSecurityEvent(item);
              const firstNew = index === added?.from;
              return (
                <tr key={item.id} ref={firstNew ? firstNewRow : undefined} tabIndex={firstNew ? -1 : undefined}>
                  <td>{row.event}</td>
                  <td className="event-method">{row.method ?? '—'}</td>
                  <td className={row.failed ? 'event-failed' : undefined}>{row.result ?? '—'}</td>
                  <td className="event-time">
                    <time dateTime={item.at}>{formatDateTimeToTheSecond(item.at)}</time>
                  </td>
                  <td className="event-address">{item.ipAddress ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <ErrorAlert error={error} />
      {events !== null && events.length > 0 ? (
        <div className="events-footer">
          <p className="muted" id="security-events-count" role="status">
            {countText(events.length, olderExist)}
          </p>
          {canShowMore ? (
            <button
              type="button"
              className="button button-secondary"
              aria-disabled={loadingMore}
              onClick={() => void showMore()}
            >
              {loadingMore ? 'Loading…' : 'Show more'}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
