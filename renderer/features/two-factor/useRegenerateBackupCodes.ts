import { useCallback, useState } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export type RegenerateState =
  | { status: 'idle' }
  | { status: 'password'; busy: boolean; error: SecurusErrorInfo | null }
  | { status: 'codes'; codes: string[] };

/** Regenerate backup codes: password, then the new codes shown once; every old code stops working. */
export function useRegenerateBackupCodes(onRegenerated: () => void) {
  const bridge = useBridge();
  const [state, setState] = useState<RegenerateState>({ status: 'idle' });

  const start = useCallback(() => setState({ status: 'password', busy: false, error: null }), []);
  const cancel = useCallback(() => setState({ status: 'idle' }), []);

  const submitPassword = useCallback(
    async (password: string) => {
      setState({ status: 'password', busy: true, error: null });
      try {
        const { backupCodes } = await unwrap(bridge.regenerateBackupCodes({ password }));
        setState({ status: 'codes', codes: backupCodes });
      } catch (error) {
        setState({ status: 'password', busy: false, error: toErrorInfo(error) });
      }
    },
    [bridge],
  );

  const acknowledge = useCallback(() => {
    setState({ status: 'idle' });
    onRegenerated();
  }, [onRegenerated]);

  return { state, start, cancel, submitPassword, acknowledge };
}
