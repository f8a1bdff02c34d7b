import { createContext, useContext, type ReactNode } from 'react';
import type { SecurusBridge } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import { errorInfo, type SecurusErrorInfo } from '../../shared/errors';

const BridgeContext = createContext<SecurusBridge | null>(null);

/** Components reach the main process only through this context, so tests can hand in a fake bridge object. */
export function BridgeProvider({ bridge, children }: { bridge: SecurusBridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): SecurusBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) {
    throw new Error('useBridge() outside <BridgeProvider>');
  }
  return bridge;
}

/** A failed bridge call, carried as an exception inside the renderer only; it holds the code the UI explains. */
export class BridgeError extends Error {
  readonly info: SecurusErrorInfo;

  constructor(info: SecurusErrorInfo) {
    super(info.message);
    this.name = 'BridgeError';
    this.info = info;
  }
}

export async function unwrap<T>(pending: Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await pending;
  } catch {
    // A bridge that throws (the preview's transport failing) is the server being out of reach from here.
    throw new BridgeError(errorInfo('server_unreachable'));
  }
  if (result.ok) {
    return result.value;
  }
  throw new BridgeError(result.error);
}

export function toErrorInfo(error: unknown): SecurusErrorInfo {
  return error instanceof BridgeError ? error.info : errorInfo('unexpected');
}
