import { useCallback } from 'react';
import { Alert } from '../components/Alert';
import { ForgotPasswordScreen } from '../features/forgot-password/ForgotPasswordScreen';
import { LoginScreen } from '../features/login/LoginScreen';
import type { SignedIn } from '../features/login/useLogin';
import { ConsoleShell } from '../features/shell/ConsoleShell';
import { ConfigProblemScreen } from './ConfigProblemScreen';
import { ThemeProvider } from './theme';
import { useAppRoute } from './useAppRoute';

export function App() {
  const { route, keychain, signedIn, showLogin, showForgotPassword, signOut } = useAppRoute();
  const onSignedIn = useCallback(
    ({ user, backupCodesRemaining }: SignedIn) => signedIn(user, backupCodesRemaining),
    [signedIn],
  );

  return (
    <ThemeProvider>
      {route.screen === 'loading' ? (
        <main className="screen-center" aria-busy="true">
          <p className="muted">Starting Securus Console…</p>
        </main>
      ) : null}
      {route.screen === 'config' ? <ConfigProblemScreen problem={route.problem} /> : null}
      {route.screen === 'login' ? (
        <LoginScreen
          onSignedIn={onSignedIn}
          onForgotPassword={showForgotPassword}
          notice={route.notice}
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
          onSignOut={() => void signOut()}
          onSessionEnded={showLogin}
        />
      ) : null}
    </ThemeProvider>
  );
}
