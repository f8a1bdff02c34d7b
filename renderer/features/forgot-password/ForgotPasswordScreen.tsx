import { useServerInfo } from '../../lib/useServerInfo';
import { PasswordChangedNotice } from './PasswordChangedNotice';
import { RequestCodeForm } from './RequestCodeForm';
import { ResetPasswordForm } from './ResetPasswordForm';
import { useForgotPassword } from './useForgotPassword';

export function ForgotPasswordScreen({ onBackToLogin }: { onBackToLogin: () => void }) {
  const { state, requestCode, requestNewCode, resetPassword, rejectInput } = useForgotPassword();
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
            removalDelayHours={serverInfo?.twoFactorRemovalDelayHours ?? null}
            busy={state.busy}
            error={state.error}
            resend={state.resend}
            onSubmit={(input) => void resetPassword(input)}
            onReject={rejectInput}
            onRequestNewCode={requestNewCode}
          />
        ) : null}
        {state.step === 'done' ? (
          <PasswordChangedNotice
            twoFactorRemoved={state.twoFactorRemoved}
            twoFactorRemovalScheduledFor={state.twoFactorRemovalScheduledFor}
          />
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
