import { useEffect, useState } from 'react';
import type { IpcResponse } from '../../shared/ipc/contract';
import { useBridge } from './bridge';

export type ServerInfo = IpcResponse<'server:get-info'>;

/** The server's public facts (2FA removal policy, clock skew); null until known or when the server is out of reach. */
export function useServerInfo(): ServerInfo | null {
  const bridge = useBridge();
  const [info, setInfo] = useState<ServerInfo | null>(null);

  useEffect(() => {
    let current = true;
    bridge
      .getServerInfo({})
      .then((result) => {
        if (current && result.ok) {
          setInfo(result.value);
        }
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [bridge]);

  return info;
}
