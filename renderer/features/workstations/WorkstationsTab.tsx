import { ErrorAlert } from '../../components/ErrorAlert';
import { Notice } from '../../components/Notice';
import { RememberedWorkstationsList } from './RememberedWorkstationsList';
import { SessionsList } from './SessionsList';
import { useWorkstations } from './useWorkstations';

/** User Settings → Signed-in workstations: where the code is skipped, and where the account is signed in now. */
export function WorkstationsTab() {
  const { data, error, pending, done, act } = useWorkstations();
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      {done ? <Notice message={done} /> : null}
      {data === null && error === null ? <p className="muted">Loading…</p> : null}
      {data !== null ? (
        <>
          <RememberedWorkstationsList
            workstations={data.rememberedWorkstations}
            pending={pending}
            onForget={(id, label) => void act({ kind: 'forget', id }, label)}
          />
          <SessionsList
            sessions={data.sessions}
            pending={pending}
            onSignOut={(id, label) => void act({ kind: 'end-session', id }, label)}
          />
        </>
      ) : null}
    </div>
  );
}
