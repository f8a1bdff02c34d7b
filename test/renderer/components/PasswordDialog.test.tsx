import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { errorInfo, type SecurusErrorInfo } from '../../../shared/errors';
import { PasswordDialog } from '../../../renderer/components/PasswordDialog';

function showWith(error: SecurusErrorInfo) {
  render(
    <PasswordDialog
      title="Reset 2FA"
      description="Enter your password to turn off Two-Factor Authentication."
      confirmLabel="Reset 2FA"
      busy={false}
      error={error}
      onSubmit={vi.fn()}
      onCancel={vi.fn()}
    />,
  );
  return screen.getByRole('alert').textContent ?? '';
}

describe('PasswordDialog', () => {
  it('words a wrong password for the one field it has: no username to blame', () => {
    const text = showWith(errorInfo('invalid_credentials'));
    expect(text).toContain('That password is not correct.');
    expect(text).not.toMatch(/username/i);
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it('counts down a password throttle under a message that does not repeat the wait', () => {
    const text = showWith(errorInfo('password_throttled', { retryAfterSeconds: 4 }));
    expect(text).toContain('Too many incorrect passwords in a row.');
    expect(text).toContain('You can try again in 4 s.');
    expect(text).not.toContain('Wait a moment');
  });

  it('says what to do when the password is no longer checked, without speaking of a sign-in', () => {
    const text = showWith(errorInfo('password_attempts_exhausted'));
    expect(text).toContain('Forgot Password');
    expect(text).toContain('contact IT');
    expect(text).not.toContain('Password sign-in');
  });

  it('passes other errors on as they are', () => {
    expect(showWith(errorInfo('server_unreachable'))).toContain('cannot be reached');
  });
});
