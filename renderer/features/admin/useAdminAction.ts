import { useCallback, useState } from 'react';
import { AdminReason, type Supervisor } from '../../../shared/api';
import { errorInfo, type SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';
import { ADMIN_ACTIONS, type AdminActionKind, type AdminActionSpec } from './adminActions';

/**
 * `reason`: the administrator says why. `password`: the server asked for a fresh password (`reauth_required`, the
 * step-up of ASVS 5.0 7.5.1); the reason is kept and the action runs again once the password is confirmed.
 */
export type AdminActionState =
  | { status: 'closed' }
  | {
      status: 'reason' | 'password';
      action: AdminActionSpec;
      supervisor: Supervisor;
      reason: string;
      busy: boolean;
      error: SecurusErrorInfo | null;
    };

/** One administrator action at a time, from the row's button to the updated row and its message. */
export function useAdminAction(onDone: (supervisor: Supervisor, message: string) => void) {
  const bridge = useBridge();
  const [state, setState] = useState<AdminActionState>({ status: 'closed' });

  const open = useCallback((kind: AdminActionKind, supervisor: Supervisor) => {
    setState({ status: 'reason', action: ADMIN_ACTIONS[kind], supervisor, reason: '', busy: false, error: null });
  }, []);
  const close = useCallback(() => setState({ status: 'closed' }), []);

  const run = useCallback(
    async (action: AdminActionSpec, supervisor: Supervisor, reason: string, step: 'reason' | 'password') => {
      try {
        const done = await action.run(bridge, { userId: supervisor.id, reason });
        setState({ status: 'closed' });
        onDone(done.supervisor, done.message);
      } catch (failure) {
        const error = toErrorInfo(failure);
        const needsPassword = error.code === 'reauth_required';
        setState({
          status: needsPassword ? 'password' : step,
          action,
          supervisor,
          reason,
          busy: false,
          // Asked for the password the first time: the prompt itself explains; asked again, say so.
          error: needsPassword && step === 'reason' ? null : error,
        });
      }
    },
    [bridge, onDone],
  );

  const submitReason = useCallback(
    async (typed: string) => {
      if (state.status !== 'reason' || state.busy) {
        return;
      }
      const reason = AdminReason.safeParse(typed);
      if (!reason.success) {
        const message = reason.error.issues[0]?.message ?? 'Give a reason.';
        setState({ ...state, reason: typed, error: errorInfo('validation_failed', { message }) });
        return;
      }
      setState({ ...state, reason: reason.data, busy: true, error: null });
      await run(state.action, state.supervisor, reason.data, 'reason');
    },
    [run, state],
  );

  const submitPassword = useCallback(
    async (password: string) => {
      if (state.status !== 'password' || state.busy) {
        return;
      }
      setState({ ...state, busy: true, error: null });
      try {
        await unwrap(bridge.reauthenticate({ password }));
      } catch (failure) {
        setState({ ...state, busy: false, error: toErrorInfo(failure) });
        return;
      }
      await run(state.action, state.supervisor, state.reason, 'password');
    },
    [bridge, run, state],
  );

  return { state, open, close, submitReason, submitPassword };
}
