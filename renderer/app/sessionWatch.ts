import type { SecurusBridge } from '../../shared/ipc/contract';
import type { SecurusErrorInfo } from '../../shared/errors';

/**
 * The same bridge, but a call answered `unauthenticated` (session expired or ended from another console) also
 * reports it, so the console can return to the login screen instead of showing the error on every panel.
 */
export function withSessionWatch(
  bridge: SecurusBridge,
  onSessionEnded: (error: SecurusErrorInfo) => void,
): SecurusBridge {
  const watched: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(bridge) as [string, (request: unknown) => Promise<unknown>][]) {
    watched[name] = async (request: unknown) => {
      const result = (await call(request)) as { ok: boolean; error?: SecurusErrorInfo };
      if (!result.ok && result.error?.code === 'unauthenticated') {
        onSessionEnded(result.error);
      }
      return result;
    };
  }
  return watched as SecurusBridge;
}
