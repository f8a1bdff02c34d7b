import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ForgotPasswordScreen } from '../../../../renderer/features/forgot-password/ForgotPasswordScreen';
import { createFakeBridge, fail, ok, renderWithBridge } from '../../support/fakeBridge';
import { fieldError } from '../../support/fieldError';

const NEUTRAL = 'If that account exists, a reset code is on its way to its email address.';

async function reachResetStep() {
  const bridge = createFakeBridge();
  bridge.requestPasswordReset.mockImplementation(() => ok({ message: NEUTRAL }));
  bridge.getServerInfo.mockImplementation(() =>
    ok({
      issuer: 'Securus',
      twoFactorRemoval: 'require-second-factor',
      twoFactorRemovalDelayHours: null,
      twoFactorRequired: false,
      clockSkewSeconds: 0,
    }),
  );
  renderWithBridge(<ForgotPasswordScreen onBackToLogin={vi.fn()} />, bridge);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username or email'), 'alice');
  await user.keyboard('{Enter}');
  await screen.findByLabelText('Code from the email');
  await waitFor(() => expect(bridge.getServerInfo).toHaveBeenCalled());
  return { bridge, user };
}

describe('Forgot Password, problems beside their fields', () => {
  it('shows every problem at once, each read with its field, and focuses the first', async () => {
    const { bridge, user } = await reachResetStep();
    await user.type(screen.getByLabelText('Code from the email'), 'ABC');
    await user.type(screen.getByLabelText('New password'), 'short');
    await user.type(screen.getByLabelText('Repeat the new password'), 'other');
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    await user.click(screen.getByRole('button', { name: 'Set new password' }));

    expect(fieldError('Code from the email')).toContain('20 letters and digits');
    expect(fieldError('New password')).toContain('at least 12 characters');
    expect(fieldError('Repeat the new password')).toContain('not the same');
    expect(fieldError('Authenticator code or backup code')).toContain('6-digit code');
    expect(document.activeElement).toBe(screen.getByLabelText('Code from the email'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bridge.resetPassword).not.toHaveBeenCalled();
  });

  it('places the server’s validation details beside their fields and focuses the first of them', async () => {
    const { bridge, user } = await reachResetStep();
    bridge.resetPassword.mockImplementation(() =>
      fail('validation_failed', {
        details: [
          { path: 'newPassword', message: 'Use at least 12 characters.' },
          { path: 'secondFactorCode', message: 'That is too long to be a code.' },
        ],
      }),
    );
    await user.type(screen.getByLabelText('Code from the email'), 'ABCDE-FGHJK-MNPQR-STUVW');
    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a new long password');
    await user.click(screen.getByLabelText('Also remove Two-Factor Authentication'));
    await user.type(screen.getByLabelText('Authenticator code or backup code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));

    await waitFor(() => expect(fieldError('New password')).toBe('Use at least 12 characters.'));
    expect(fieldError('Authenticator code or backup code')).toBe('That is too long to be a code.');
    expect(fieldError('Code from the email')).toBeNull();
    expect(document.activeElement).toBe(screen.getByLabelText('New password'));
  });

  it('keeps what concerns the whole form (a limit) in one alert under the fields', async () => {
    const { bridge, user } = await reachResetStep();
    bridge.resetPassword.mockImplementation(() => fail('rate_limited', { retryAfterSeconds: 30 }));
    await user.type(screen.getByLabelText('Code from the email'), 'ABCDE-FGHJK-MNPQR-STUVW');
    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a new long password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts');
    expect(fieldError('Code from the email')).toBeNull();
  });
});

describe('Forgot Password, Send a new code', () => {
  it('asks for a new code for the same login, says so in neutral words, and empties the code field', async () => {
    const { bridge, user } = await reachResetStep();
    bridge.resetPassword.mockImplementation(() => fail('invalid_reset_token'));
    await user.type(screen.getByLabelText('Code from the email'), 'ABCDE-FGHJK-MNPQR-STUVW');
    await user.type(screen.getByLabelText('New password'), 'a new long password');
    await user.type(screen.getByLabelText('Repeat the new password'), 'a new long password');
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
    await waitFor(() => expect(fieldError('Code from the email')).toContain('Send a new code'));
    expect(document.activeElement).toBe(screen.getByLabelText('Code from the email'));

    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Send a new code' }));
    await user.keyboard('{Enter}');
    expect(bridge.requestPasswordReset).toHaveBeenLastCalledWith({ login: 'alice' });
    expect(bridge.requestPasswordReset).toHaveBeenCalledTimes(2);
    const sent = await screen.findByText(/A new code was requested at/);
    expect(sent.textContent).toContain(NEUTRAL);
    expect(sent.textContent).toContain('Only the newest code works.');
    expect(sent.closest('[role="status"]')).not.toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Code from the email')));
    expect(screen.getByLabelText<HTMLInputElement>('Code from the email').value).toBe('');
    expect(fieldError('Code from the email')).toBeNull();
  });

  it('explains a new code that could not be asked for, and keeps the form as it was', async () => {
    const { bridge, user } = await reachResetStep();
    await user.type(screen.getByLabelText('Code from the email'), 'ABCDE');
    bridge.requestPasswordReset.mockImplementation(() => fail('server_unreachable'));
    await user.click(screen.getByRole('button', { name: 'Send a new code' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    expect(screen.getByLabelText<HTMLInputElement>('Code from the email').value).toBe('ABCDE');
    expect(screen.getByText(NEUTRAL)).toBeTruthy();
  });
});

describe('Forgot Password, the first step', () => {
  it('marks an empty or refused login beside the field, and a server outage in the form', async () => {
    const bridge = createFakeBridge();
    renderWithBridge(<ForgotPasswordScreen onBackToLogin={vi.fn()} />, bridge);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect(fieldError('Username or email')).toContain('Enter your username');
    expect(bridge.requestPasswordReset).not.toHaveBeenCalled();

    bridge.requestPasswordReset.mockImplementationOnce(() =>
      fail('validation_failed', { details: [{ path: 'login', message: 'Invalid input' }] }),
    );
    await user.type(screen.getByLabelText('Username or email'), 'x'.repeat(300));
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    await waitFor(() => expect(fieldError('Username or email')).toContain('Enter your username'));
    expect(document.activeElement).toBe(screen.getByLabelText('Username or email'));

    bridge.requestPasswordReset.mockImplementationOnce(() => fail('server_unreachable'));
    await user.click(screen.getByRole('button', { name: 'Send code' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    expect(fieldError('Username or email')).toBeNull();
  });
});
