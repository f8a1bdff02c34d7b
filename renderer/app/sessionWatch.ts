import type { SecurusBridge } from '../../shared/ipc/contract';
import type { SecurusErrorInfo } from '../../shared/errors';

/**
 * The same bridge, but a call answered `unauthenticated` (session expired or ended from another console) also
 * reports it, so the console can return to the login screen instead of showing the error on every panel; and one
 * answered `two_factor_setup_required` (2FA reset under the policy from another console) turns to the setup.
 */
export function withSessionWatch(
  bridge: SecurusBridge,
  onSessionEnded: (error: SecurusErrorInfo) => void,
  onSetupRequired: (error: SecurusErrorInfo) => void = () => undefined,
): SecurusBridge {
  const watched: Record<string, unknown> = {};
  for (const [name, call] of Object.entries(bridge) as [string, (request: unknown) => Promise<unknown>][]) {
    watched[name] = async (request: unknown) => {
      const result = (await call(request)) as { ok: boolean; error?: SecurusErrorInfo };
      if (!result.ok && result.error?.code === 'unauthenticated') {
        onSessionEnded(result.error);
      } else if (!result.ok && result.error?.code === 'two_factor_setup_required') {
        onSetupRequired(result.error);
      }
      return result;
    };
  }
  return watched as SecurusBridge;
}
