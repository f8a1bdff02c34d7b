import { useCallback, useEffect, useState } from 'react';
import type { IpcResponse } from '../../../shared/ipc/contract';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { toErrorInfo, unwrap, useBridge } from '../../lib/bridge';

export type TwoFactorOverview = IpcResponse<'two-factor:get-status'>;

export function useTwoFactorStatus() {
  const bridge = useBridge();
  const [overview, setOverview] = useState<TwoFactorOverview | null>(null);
  const [error, setError] = useState<SecurusErrorInfo | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let current = true;
    unwrap(bridge.getTwoFactorStatus({}))
      .then((loaded) => {
        if (current) {
          setOverview(loaded);
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
  }, [bridge, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { overview, error, reload, version };
}
