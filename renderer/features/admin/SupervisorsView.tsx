import { useCallback, useId, useState } from 'react';
import type { Supervisor, User } from '../../../shared/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { AdminActionDialog } from './AdminActionDialog';
import { SupervisorSearch } from './SupervisorSearch';
import { SupervisorsPaging } from './SupervisorsPaging';
import { SupervisorsTable } from './SupervisorsTable';
import { useAdminAction } from './useAdminAction';
import { useSupervisors } from './useSupervisors';

interface SupervisorsViewProps {
  /** The signed-in administrator. */
  user: User;
  /** Changes each time Supervisors is chosen: focus then moves to the heading. */
  visit?: number;
  pageSize?: number;
}

/** The administrator's view of every account: search, pages, and Reset 2FA, Unlock, Require new backup codes. */
export function SupervisorsView({ user, visit, pageSize }: SupervisorsViewProps) {
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>(visit);
  const { query, list, error, loading, search, goToPage, replaceRow } = useSupervisors(pageSize);
  const [notice, setNotice] = useState<string | null>(null);
  const done = useCallback(
    (supervisor: Supervisor, message: string) => {
      replaceRow(supervisor);
      setNotice(message);
    },
    [replaceRow],
  );
  const action = useAdminAction(done);
  const caption = query.q === '' ? 'All accounts' : `Accounts matching “${query.q}”`;

  return (
    <section className="stack supervisors" aria-labelledby={`${id}-title`} aria-busy={loading}>
      <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Supervisors
      </h1>
      <p className="muted">
        Help a supervisor who lost their phone or is locked out. Every action needs a reason, is audited with your name
        and is emailed to the account&apos;s owner.
      </p>
      {notice ? <Notice message={notice} /> : null}
      <SupervisorSearch onSearch={search} />
      {list === null && error === null ? <p className="muted">Loading…</p> : null}
      {list !== null && list.supervisors.length === 0 ? (
        <p className="muted">{query.q === '' ? 'No accounts yet.' : `No account matches “${query.q}”.`}</p>
      ) : null}
      {list !== null && list.supervisors.length > 0 ? (
        <SupervisorsTable
          supervisors={list.supervisors}
          ownId={user.id}
          caption={caption}
          onAction={(kind, supervisor) => {
            setNotice(null);
            action.open(kind, supervisor);
          }}
        />
      ) : null}
      <ErrorAlert error={error} />
      {list !== null && list.total > 0 ? (
        <SupervisorsPaging
          page={list.page}
          pageSize={list.pageSize}
          total={list.total}
          shown={list.supervisors.length}
          onPage={goToPage}
        />
      ) : null}
      {action.state.status === 'closed' ? null : (
        <AdminActionDialog
          key={`${action.state.action.kind}-${action.state.supervisor.id}`}
          state={action.state}
          onSubmitReason={(reason) => void action.submitReason(reason)}
          onSubmitPassword={(password) => void action.submitPassword(password)}
          onCancel={action.close}
        />
      )}
    </section>
  );
}
