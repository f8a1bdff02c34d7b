import { IPC_CHANNELS, ipcContract, type IpcChannel, type SecurusBridge } from '../../shared/ipc/contract';

/** Sends one request on one channel and resolves with the main process's `IpcResult`. */
export type ChannelInvoker = (channel: IpcChannel, request: unknown) => Promise<unknown>;

/**
 * `window.securus`: one named function per channel of the contract, each invoking only its own channel. The
 * functions close over `invoke`, never hand it out, and take no callbacks, so the page cannot reach `ipcRenderer`.
 */
export function buildSecurusBridge(invoke: ChannelInvoker): SecurusBridge {
  const bridge: Record<string, (request: unknown) => Promise<unknown>> = {};
  for (const channel of IPC_CHANNELS) {
    bridge[ipcContract[channel].name] = (request: unknown) => invoke(channel, request);
  }
  // The loop above builds exactly the contract's names; test/electron/shell/preload.test.ts checks it at run time.
  return Object.freeze(bridge) as unknown as SecurusBridge;
}
