import { useCallback, useEffect, useState } from 'react';
import type { IpcResponse } from '../../shared/ipc/contract';
import type { SecurusErrorInfo } from '../../shared/errors';
import type { SignedIn } from '../features/login/useLogin';
import { unwrap, useBridge } from '../lib/bridge';

type ConfigurationProblem = NonNullable<IpcResponse<'app:get-info'>['configurationProblem']>;

export type AppRoute =
  | { screen: 'loading' }
  | { screen: 'config'; problem: ConfigurationProblem }
  | { screen: 'login'; notice: SecurusErrorInfo | null }
  | { screen: 'forgot' }
  | ({ screen: 'console' } & SignedIn);

/** Which screen the console shows: the IT policy first, then a kept session, else the login. */
export function useAppRoute() {
  const bridge = useBridge();
  const [route, setRoute] = useState<AppRoute>({ screen: 'loading' });
  const [keychain, setKeychain] = useState<'os' | 'memory'>('os');
  const [helpContact, setHelpContact] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    async function boot(): Promise<AppRoute> {
      try {
        // Both at once: the login screen is what a supervisor waits for at every start.
        const [info, session] = await Promise.all([
          unwrap(bridge.getAppInfo({})),
          unwrap(bridge.getSession({})).catch(() => ({ status: 'signed_out' as const })),
        ]);
        setKeychain(info.keychain);
        setHelpContact(info.helpContact);
        if (info.configurationProblem) {
          return { screen: 'config', problem: info.configurationProblem };
        }
        if (session.status === 'signed_in') {
          return {
            screen: 'console',
            user: session.user,
            backupCodesRemaining: null,
            twoFactorRequirement: session.twoFactorRequirement,
          };
        }
      } catch {
        // Any failure here leaves the login screen, which explains the next failure in context.
      }
      return { screen: 'login', notice: null };
    }
    void boot().then((next) => {
      if (current) {
        setRoute(next);
      }
    });
    return () => {
      current = false;
    };
  }, [bridge]);

  const signedIn = useCallback((signedIn: SignedIn) => setRoute({ screen: 'console', ...signedIn }), []);
  const showLogin = useCallback((notice: SecurusErrorInfo | null = null) => setRoute({ screen: 'login', notice }), []);
  const showForgotPassword = useCallback(() => setRoute({ screen: 'forgot' }), []);
  const signOut = useCallback(async () => {
    await bridge.logout({}).catch(() => undefined);
    setRoute({ screen: 'login', notice: null });
  }, [bridge]);

  return { route, keychain, helpContact, signedIn, showLogin, showForgotPassword, signOut };
}
