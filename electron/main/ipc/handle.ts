import { errorInfo, SecurusError, type SecurusErrorInfo } from '../../../shared/errors';
import { IPC_CHANNELS, ipcContract, type IpcChannel } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import type { IpcHandlers } from './handlers';

/** The slice of Electron's ipcMain this needs; the shell passes the real one, tests a recorder. */
export interface IpcMainLike<E> {
  handle(channel: string, listener: (event: E, ...args: unknown[]) => Promise<unknown>): void;
}

export interface SenderCheck<E> {
  isTrustedSender(event: E): boolean;
}

/**
 * The one place IPC enters the main process: the sender must be the console's own main frame, then the payload
 * goes through the same parse → handler → parse path the browser preview uses.
 */
export function registerIpcHandlers<E>(ipcMain: IpcMainLike<E>, handlers: IpcHandlers, senders: SenderCheck<E>): void {
  for (const channel of IPC_CHANNELS) {
    ipcMain.handle(channel, async (event, payload) => {
      let trusted = false;
      try {
        trusted = senders.isTrustedSender(event);
      } catch {
        trusted = false;
      }
      if (!trusted) {
        return failure(errorInfo('untrusted_sender'));
      }
      return invokeChannel(handlers, channel, payload);
    });
  }
}

/** Parses the request from `unknown`, calls the channel's handler, parses its response; never throws. */
export async function invokeChannel(
  handlers: IpcHandlers,
  channel: string,
  payload: unknown,
): Promise<IpcResult<unknown>> {
  if (!isIpcChannel(channel)) {
    return failure(errorInfo('not_found'));
  }
  const spec = ipcContract[channel];
  const request = spec.request.safeParse(payload ?? {});
  if (!request.success) {
    const details = request.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    return failure(errorInfo('validation_failed', { details }));
  }
  let value: unknown;
  try {
    const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
    value = await handler(request.data);
  } catch (error) {
    return failure(error instanceof SecurusError ? error.info : errorInfo('unexpected'));
  }
  // A handler that answers outside the contract is a bug; the renderer gets a code, not the stray data.
  const response = spec.response.safeParse(value);
  return response.success ? { ok: true, value: response.data } : failure(errorInfo('unexpected'));
}

export function isIpcChannel(channel: string): channel is IpcChannel {
  return Object.hasOwn(ipcContract, channel);
}

function failure(error: SecurusErrorInfo): IpcResult<never> {
  return { ok: false, error };
}
