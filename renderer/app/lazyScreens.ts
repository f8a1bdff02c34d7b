import { lazy } from 'react';

// Only the login screen is on the path to the first interaction; the console and Forgot Password load after it.
const loadConsoleShell = () => import('../features/shell/ConsoleShell');
const loadForgotPassword = () => import('../features/forgot-password/ForgotPasswordScreen');

export const ConsoleShell = lazy(() => loadConsoleShell().then((module) => ({ default: module.ConsoleShell })));
export const ForgotPasswordScreen = lazy(() =>
  loadForgotPassword().then((module) => ({ default: module.ForgotPasswordScreen })),
);

/** Fetches both in the background once the login screen is up, so signing in shows the console at once. */
export function preloadScreens(): void {
  void loadConsoleShell().catch(() => undefined);
  void loadForgotPassword().catch(() => undefined);
}
