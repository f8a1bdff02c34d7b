import { useCallback, useState } from 'react';
import type { IpcResponse } from '../../../shared/ipc/contract';
import { unwrap, useBridge } from '../../lib/bridge';
import { useBridgeQuery } from '../../lib/useBridgeQuery';

export type TwoFactorOverview = IpcResponse<'two-factor:get-status'>;

export function useTwoFactorStatus() {
  const bridge = useBridge();
  const [version, setVersion] = useState(0);
  const load = useCallback(() => unwrap(bridge.getTwoFactorStatus({})), [bridge]);
  const { data: overview, error } = useBridgeQuery(load, version);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { overview, error, reload, version };
}
