import type { ReactNode } from 'react';
import type { SecurusErrorInfo } from '../../../shared/errors';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useServerInfo } from '../../lib/useServerInfo';
import { PasswordStep } from './PasswordStep';
import { SecondFactorStep } from './SecondFactorStep';
import { useLogin, type SignedIn } from './useLogin';

interface LoginScreenProps {
  onSignedIn: (signedIn: SignedIn) => void;
  onForgotPassword: () => void;
  /** Why the supervisor is here again (session ended elsewhere), shown above the form. */
  notice?: SecurusErrorInfo | null;
  footer?: ReactNode;
  /** IT's help contact from the policy, named when the account is locked; null: "ask your administrator". */
  helpContact?: string | null;
  /** Where the console keeps tokens: a workstation is remembered only with the OS keychain. */
  keychain?: 'os' | 'memory';
}

export function LoginScreen(props: LoginScreenProps) {
  const { onSignedIn, onForgotPassword, notice, footer, helpContact = null, keychain = 'memory' } = props;
  const { state, submitCredentials, submitCode, switchKind, endLock, restart } = useLogin(onSignedIn);
  const serverInfo = useServerInfo();
  const rememberDays = keychain === 'os' ? (serverInfo?.rememberWorkstationDays ?? 0) : 0;

  return (
    <main className="screen-center">
      <div className="card card-narrow">
        <p className="brand" aria-hidden="true">
          Securus
        </p>
        {state.step === 'credentials' ? (
          <>
            {state.error ? null : <ErrorAlert error={notice ?? null} />}
            <PasswordStep
              busy={state.busy}
              error={state.error}
              onSubmit={(username, password) => void submitCredentials(username, password)}
              onForgotPassword={onForgotPassword}
            />
          </>
        ) : (
          <SecondFactorStep
            kind={state.kind}
            busy={state.busy}
            error={state.error}
            lockEnded={state.lockEnded}
            helpContact={helpContact}
            clockSkewSeconds={serverInfo?.clockSkewSeconds}
            rememberDays={rememberDays}
            onSubmit={(code, rememberWorkstation) => void submitCode(code, rememberWorkstation)}
            onSwitchKind={switchKind}
            onLockEnded={endLock}
            onCancel={restart}
          />
        )}
        {state.step === 'credentials' && footer ? <div className="card-footer">{footer}</div> : null}
      </div>
    </main>
  );
}
