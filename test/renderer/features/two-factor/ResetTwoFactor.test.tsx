import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TwoFactorTab } from '../../../../renderer/features/two-factor/TwoFactorTab';
import { createFakeBridge, demoUser, ok, renderWithBridge } from '../../support/fakeBridge';

function statusWith(enabled: boolean) {
  return ok({
    user: demoUser,
    twoFactor: enabled
      ? { enabled: true, enabledAt: '2026-11-20T09:30:00Z', backupCodesRemaining: 8 }
      : { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
    reauthenticatedUntil: null,
  });
}

describe('Two-Factor Authentication tab, Reset 2FA', () => {
  it('warns before the password, and the result is a warning notice that a new setup clears', async () => {
    const bridge = createFakeBridge();
    bridge.getTwoFactorStatus.mockImplementation(() => statusWith(true));
    renderWithBridge(<TwoFactorTab />, bridge);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Reset 2FA' }));
    const prompt = screen.getByRole('dialog', { name: 'Reset 2FA' });
    const warning = within(prompt).getByRole('status');
    expect(warning.className).toContain('alert-warning');
    expect(warning.textContent).toContain('Sign-in will need only your password.');
    expect(within(prompt).getByLabelText('Password')).toBe(document.activeElement);

    await user.type(within(prompt).getByLabelText('Password'), 'correct horse');
    bridge.getTwoFactorStatus.mockImplementation(() => statusWith(false));
    await user.click(within(prompt).getByRole('button', { name: 'Reset 2FA' }));
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toBe('Two-Factor Authentication has been turned off.');
    expect(notice.getAttribute('data-tone')).toBe('warning');
    expect(notice.className).toContain('alert-warning');
    expect(notice.className).not.toContain('alert-success');

    await user.click(await screen.findByRole('button', { name: 'Generate QR Code' }));
    expect(await screen.findByTestId('setup-key')).toBeTruthy();
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('Cancel leaves 2FA on and says nothing', async () => {
    const bridge = createFakeBridge();
    bridge.getTwoFactorStatus.mockImplementation(() => statusWith(true));
    renderWithBridge(<TwoFactorTab />, bridge);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Reset 2FA' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Reset 2FA' })).getByRole('button', { name: 'Cancel' }));
    expect(bridge.resetTwoFactor).not.toHaveBeenCalled();
    expect(screen.queryByTestId('notice')).toBeNull();
    expect(screen.getByRole('button', { name: 'Reset 2FA' })).toBe(document.activeElement);
  });
});
