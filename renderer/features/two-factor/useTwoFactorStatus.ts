import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcResponse } from '../../../shared/ipc/contract';
import { unwrap, useBridge } from '../../lib/bridge';
import { useBridgeQuery } from '../../lib/useBridgeQuery';

export type TwoFactorOverview = IpcResponse<'two-factor:get-status'>;

/**
 * The account's 2FA status from the server. `onLoaded` hears each answer as it arrives, for a decision that waits on
 * it (Home's Set up Two-Factor Authentication starts only once the account is known to be without 2FA).
 */
export function useTwoFactorStatus(onLoaded?: (overview: TwoFactorOverview) => void) {
  const bridge = useBridge();
  const [version, setVersion] = useState(0);
  const listener = useRef(onLoaded);
  useEffect(() => {
    listener.current = onLoaded;
  });
  const load = useCallback(async () => {
    const overview = await unwrap(bridge.getTwoFactorStatus({}));
    listener.current?.(overview);
    return overview;
  }, [bridge]);
  const { data: overview, error } = useBridgeQuery(load, version);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { overview, error, reload, version };
}
