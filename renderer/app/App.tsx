import { Suspense, useEffect } from 'react';
import { Alert } from '../components/Alert';
import { LoginScreen } from '../features/login/LoginScreen';
import { ConfigProblemScreen } from './ConfigProblemScreen';
import { ConsoleShell, ForgotPasswordScreen, preloadScreens } from './lazyScreens';
import { ThemeProvider } from './theme';
import { useAppRoute } from './useAppRoute';

export function App() {
  const { route, keychain, helpContact, signedIn, showLogin, showForgotPassword, signOut } = useAppRoute();
  const ready = route.screen !== 'loading';
  useEffect(() => {
    if (ready) {
      const timer = setTimeout(preloadScreens, 200);
      return () => clearTimeout(timer);
    }
    return undefined;
  }, [ready]);

  return (
    <ThemeProvider>
      <Suspense
        fallback={
          <main className="screen-center" aria-busy="true">
            <p className="muted">Loading…</p>
          </main>
        }
      >
        {route.screen === 'loading' ? (
          <main className="screen-center" aria-busy="true">
            <p className="muted">Starting Securus Console…</p>
          </main>
        ) : null}
        {route.screen === 'config' ? <ConfigProblemScreen problem={route.problem} /> : null}
        {route.screen === 'login' ? (
          <LoginScreen
            onSignedIn={signedIn}
            onForgotPassword={showForgotPassword}
            notice={route.notice}
            helpContact={helpContact}
            keychain={keychain}
            footer={
              keychain === 'memory' ? (
                <Alert tone="info">
                  <p>This workstation has no keychain: you will sign in again each time you start the console.</p>
                </Alert>
              ) : null
            }
          />
        ) : null}
        {route.screen === 'forgot' ? <ForgotPasswordScreen onBackToLogin={() => showLogin()} /> : null}
        {route.screen === 'console' ? (
          <ConsoleShell
            user={route.user}
            backupCodesRemaining={route.backupCodesRemaining}
            twoFactorRequirement={route.twoFactorRequirement}
            onSignOut={() => void signOut()}
            onSessionEnded={showLogin}
          />
        ) : null}
      </Suspense>
    </ThemeProvider>
  );
}
