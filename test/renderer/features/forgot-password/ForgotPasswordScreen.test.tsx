import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { NEW_PASSWORD_MIN_LENGTH as SHARED_MIN_LENGTH } from '../../../../shared/api';
import type { TwoFactorRemovalPolicy } from '../../../../shared/api';
import { ForgotPasswordScreen } from '../../../../renderer/features/forgot-password/ForgotPasswordScreen';
import { NEW_PASSWORD_MIN_LENGTH } from '../../../../renderer/features/forgot-password/ResetPasswordForm';
import { formatDateTime } from '../../../../renderer/lib/formatDate';
import { createFakeBridge, fail, ok, renderWithBridge } from '../../support/fakeBridge';
import { fieldError } from '../../support/fieldError';

const RESET_CODE = 'ABCDE-FGHJK-MNPQR-STUVW';

async function reachResetStep(policy: TwoFactorRemovalPolicy = 'allow') {
  const bridge = createFakeBridge();
  const twoFactorRemovalDelayHours = policy === 'delayed' ? 24 : null;
  bridge.getServerInfo.mockImplementation(() =>
    ok({
      issuer: 'Securus',
      twoFactorRemoval: policy,
      twoFactorRemovalDelayHours,
      twoFactorRequired: false,
      clockSkewSeconds: 0,
    }),
  );
  const onBackToLogin = vi.fn();
  renderWithBridge(<ForgotPasswordScreen onBackToLogin={onBackToLogin} />, bridge);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username or email'), 'alice@example.test');
  await user.click(screen.getByRole('button', { name: 'Send code' }));
  await screen.findByLabelText('Code from the email');
  await waitFor(() => expect(bridge.getServerInfo).toHaveBeenCalled());
  return { bridge, user, onBackToLogin };
}

async function fillPasswords(user: ReturnType<typeof userEvent.setup>, password = 'a new long password') {
  await user.type(screen.getByLabelText('Code from the email'), RESET_CODE.toLowerCase());
  await user.type(screen.getByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Repeat the new password'), password);
}

describe('ForgotPasswordScreen', () => {
  it('keeps the same length rule as the API', () => {
    expect(NEW_PASSWORD_MIN_LENGTH).toBe(SHARED_MIN_LENGTH);
  });

  it('requests a code and shows the neutral answer', async () => {
    const { bridge } = await reachResetStep();
    expect(bridge.requestPasswordReset).toHaveBeenCalledWith({ login: 'alice@example.test' });
    expect(screen.getByText('If the account exists, we sent a code to its email address.')).toBeTruthy();
  });

  it('sets a new password and removes 2FA when asked, then goes back to sign in', async () => {
    const { bridge, user, onBackToLogin } = await reachResetStep('allow');
    bridge.resetPassword.mockImplementation(() => ok({ twoFactorRemoved: true, twoFactorRemovalScheduledFor: null }));
    await fillPasswords(user);
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    expect(screen.getByText(/lost the phone with your authenticator app/)).toBeTruthy();
    expect(screen.queryByLabelText('Authenticator code or backup code')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(bridge.resetPassword).toHaveBeenCalledWith({
      token: 'ABCDEFGHJKMNPQRSTUVW',
      newPassword: 'a new long password',
      removeTwoFactor: true,
    });
    expect(await screen.findByText('Your password has been changed')).toBeTruthy();
    expect(screen.getByText(/Two-Factor Authentication has been removed/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(onBackToLogin).toHaveBeenCalledOnce();
  });

  it('hides the removal when the server policy forbids it', async () => {
    const { bridge, user } = await reachResetStep('deny');
    expect(screen.queryByLabelText('Also remove Two-Factor Authentication')).toBeNull();
    await fillPasswords(user);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(bridge.resetPassword).toHaveBeenCalledWith(expect.objectContaining({ removeTwoFactor: false }));
    expect(await screen.findByText('Sign in with your new password.')).toBeTruthy();
  });

  it('asks for a second factor when the policy requires one', async () => {
    const { bridge, user } = await reachResetStep('require-second-factor');
    await fillPasswords(user);
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(fieldError('Authenticator code or backup code')).toContain('6-digit code');
    expect(bridge.resetPassword).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Authenticator code or backup code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(bridge.resetPassword).toHaveBeenCalledWith(
      expect.objectContaining({ removeTwoFactor: true, secondFactorCode: '123 456' }),
    );
  });

  it('under the delayed policy, explains the waiting period and says when 2FA will be removed', async () => {
    const { bridge, user } = await reachResetStep('delayed');
    const due = '2030-03-14T15:30:00.000Z';
    bridge.resetPassword.mockImplementation(() => ok({ twoFactorRemoved: false, twoFactorRemovalScheduledFor: due }));
    await fillPasswords(user);
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    const explained = screen.getByText(/lost the phone with your authenticator app/).textContent ?? '';
    expect(explained).toContain('removed 24 hours after the reset');
    expect(explained).toContain('signing in with one cancels the removal');
    expect(screen.getByText(/enter a code to remove Two-Factor Authentication at once/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(bridge.resetPassword).toHaveBeenCalledWith({
      token: 'ABCDEFGHJKMNPQRSTUVW',
      newPassword: 'a new long password',
      removeTwoFactor: true,
    });
    expect(await screen.findByText('Your password has been changed')).toBeTruthy();
    expect(screen.getByTestId('removal-scheduled-for').textContent).toBe(formatDateTime(due));
    expect(screen.getByText(/Signing in with a code before then cancels the removal/)).toBeTruthy();
    expect(screen.queryByText(/has been removed/)).toBeNull();
  });

  it('under the delayed policy, sends a code given in the form, and refuses one that cannot be a code', async () => {
    const { bridge, user } = await reachResetStep('delayed');
    bridge.resetPassword.mockImplementation(() => ok({ twoFactorRemoved: true, twoFactorRemovalScheduledFor: null }));
    await fillPasswords(user);
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    await user.type(screen.getByLabelText('Authenticator code or backup code'), '12');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(fieldError('Authenticator code or backup code')).toContain('or leave the code empty');
    expect(bridge.resetPassword).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('Authenticator code or backup code'), '3456');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(bridge.resetPassword).toHaveBeenCalledWith(
      expect.objectContaining({ removeTwoFactor: true, secondFactorCode: '123456' }),
    );
    expect(await screen.findByText(/Two-Factor Authentication has been removed/)).toBeTruthy();
  });

  it('explains a wrong code in the form and what to do', async () => {
    const { bridge, user } = await reachResetStep('delayed');
    bridge.resetPassword.mockImplementation(() => fail('invalid_code'));
    await fillPasswords(user);
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    await user.type(screen.getByLabelText('Authenticator code or backup code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() =>
      expect(fieldError('Authenticator code or backup code')).toContain('Check your authenticator app'),
    );
    expect(document.activeElement).toBe(screen.getByLabelText('Authenticator code or backup code'));
    expect(screen.getByLabelText('Code from the email')).toBeTruthy();
  });

  it('checks the code format, the length and the repetition before calling the server', async () => {
    const { bridge, user } = await reachResetStep();
    await user.type(screen.getByLabelText('Code from the email'), 'ABC');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(fieldError('Code from the email')).toContain('20 letters and digits');
    await user.clear(screen.getByLabelText('Code from the email'));
    await user.type(screen.getByLabelText('Code from the email'), RESET_CODE);
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(fieldError('Code from the email')).toBeNull();
    expect(fieldError('New password')).toContain('at least 12 characters');
    await user.type(screen.getByLabelText('New password'), ' but now long');
    await user.type(screen.getByLabelText('Repeat the new password'), 'different');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect(fieldError('Repeat the new password')).toContain('not the same');
    expect(bridge.resetPassword).not.toHaveBeenCalled();
  });

  it('explains an invalid or expired reset code', async () => {
    const { bridge, user } = await reachResetStep();
    bridge.resetPassword.mockImplementation(() => fail('invalid_reset_token'));
    await fillPasswords(user);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() => expect(fieldError('Code from the email')).toContain('not valid or has expired'));
    expect(fieldError('Code from the email')).toContain('Send a new code');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
