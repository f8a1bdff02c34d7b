import { formatSetupKey } from '../../../shared/codes';
import { CopyButton } from '../../components/CopyButton';

export function SetupKey({ secret, accountLabel }: { secret: string; accountLabel: string }) {
  return (
    <div className="setup-key">
      <p className="field-hint">
        Cannot scan the code? In your authenticator app, choose to enter a setup key, and type the key below. Choose
        “time-based” if the app asks.
      </p>
      <dl className="facts">
        <dt>Account</dt>
        <dd>{accountLabel}</dd>
        <dt>Setup key</dt>
        <dd>
          <code className="setup-key-value" data-testid="setup-key">
            {formatSetupKey(secret)}
          </code>
        </dd>
      </dl>
      <CopyButton text={secret} sensitive accessibleLabel="Copy the setup key" />
    </div>
  );
}
