import { formatSetupKey } from '../../../shared/codes';
import { CopyButton } from '../../components/CopyButton';

const MOST_GROUPS_PER_ROW = 4;

/**
 * How many groups of four go on a row so the rows come out even: 8 groups (the 32 characters of a 160-bit secret)
 * as two rows of 4, never a row of 7 and a lone tail, whatever the width of the window.
 */
export function setupKeyColumns(groupCount: number): number {
  const rows = Math.ceil(groupCount / MOST_GROUPS_PER_ROW);
  return Math.max(1, Math.ceil(groupCount / Math.max(1, rows)));
}

export function SetupKey({ secret, accountLabel }: { secret: string; accountLabel: string }) {
  const groups = formatSetupKey(secret).split(' ');
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
          {/* The spaces between groups stay in the text (copying, screen readers); the grid places the groups. */}
          <code className="setup-key-value" data-testid="setup-key" data-columns={setupKeyColumns(groups.length)}>
            {groups.map((group, index) => (
              <span key={index} className="setup-key-group">
                {group}
                {index < groups.length - 1 ? ' ' : ''}
              </span>
            ))}
          </code>
        </dd>
      </dl>
      <CopyButton text={secret} sensitive accessibleLabel="Copy the setup key" />
    </div>
  );
}
