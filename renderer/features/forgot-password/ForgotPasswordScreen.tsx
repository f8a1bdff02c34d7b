import { Alert } from '../../components/Alert';
import { useServerInfo } from '../../lib/useServerInfo';
import { RequestCodeForm } from './RequestCodeForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { useForgotPassword } from './useForgotPassword';

export function ForgotPasswordScreen({ onBackToLogin }: { onBackToLogin: () => void }) {
  const { state, requestCode, resetPassword, rejectInput } = useForgotPassword();
  const serverInfo = useServerInfo();

  return (
    <main className="screen-center">
      <div className="card card-narrow stack">
        <h1>Forgot Password</h1>
        {state.step === 'request' ? (
          <RequestCodeForm busy={state.busy} error={state.error} onSubmit={(login) => void requestCode(login)} />
        ) : null}
        {state.step === 'reset' ? (
          <ResetPasswordForm
            sentMessage={state.sentMessage}
            removalPolicy={serverInfo?.twoFactorRemoval ?? null}
            busy={state.busy}
            error={state.error}
            onSubmit={(input) => void resetPassword(input)}
            onReject={rejectInput}
          />
        ) : null}
        {state.step === 'done' ? (
          <Alert tone="success" title="Your password has been changed">
            <p>
              {state.twoFactorRemoved
                ? 'Two-Factor Authentication has been removed from your account. Sign in with your new password, then set it up again under User Settings.'
                : 'Sign in with your new password.'}
            </p>
          </Alert>
        ) : null}
        <button
          type="button"
          className={state.step === 'done' ? 'button button-primary button-wide' : 'link-button'}
          onClick={onBackToLogin}
        >
          Back to sign in
        </button>
      </div>
    </main>
  );
}
