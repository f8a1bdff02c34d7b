import { useCallback } from 'react';
import type { IpcResponse } from '../../shared/ipc/contract';
import { unwrap, useBridge } from './bridge';
import { useBridgeQuery } from './useBridgeQuery';

export type ServerInfo = IpcResponse<'server:get-info'>;

/** The server's public facts (2FA removal policy, clock skew); null until known or when the server is out of reach. */
export function useServerInfo(): ServerInfo | null {
  const bridge = useBridge();
  const load = useCallback(() => unwrap(bridge.getServerInfo({})), [bridge]);
  return useBridgeQuery(load).data;
}
