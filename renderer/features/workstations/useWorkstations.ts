import { useCallback, useState } from 'react';
import type { WorkstationsResponse } from '../../../shared/api';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import { useBridgeQuery } from '../../lib/useBridgeQuery';

export type WorkstationAction = { kind: 'forget' | 'end-session'; id: string };

/** The Signed-in workstations list and its two actions; the list loads again after each one. */
export function useWorkstations() {
  const bridge = useBridge();
  const [refreshKey, setRefreshKey] = useState(0);
  const [pending, setPending] = useState<WorkstationAction | null>(null);
  const [actionError, setActionError] = useState<SecurusErrorInfo | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const load = useCallback(() => unwrap(bridge.listWorkstations({})), [bridge]);
  const { data, error } = useBridgeQuery<WorkstationsResponse>(load, refreshKey);

  const act = useCallback(
    async (action: WorkstationAction, label: string) => {
      setPending(action);
      setActionError(null);
      setDone(null);
      try {
        if (action.kind === 'forget') {
          await unwrap(bridge.forgetWorkstation({ id: action.id }));
          setDone(`${label} is forgotten: signing in there asks for a code again.`);
        } else {
          await unwrap(bridge.endSession({ id: action.id }));
          setDone(`${label} is signed out.`);
        }
      } catch (failure) {
        setActionError(toErrorInfo(failure));
      } finally {
        setPending(null);
        setRefreshKey((key) => key + 1);
      }
    },
    [bridge],
  );

  return { data, error: actionError ?? error, pending, done, act };
}
