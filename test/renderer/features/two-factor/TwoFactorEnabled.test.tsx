import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TwoFactorTab } from '../../../../renderer/features/two-factor/TwoFactorTab';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

function enabledStatus(backupCodesRemaining: number) {
  return ok({
    user: demoUser,
    twoFactor: { enabled: true, enabledAt: '2026-11-20T09:30:00Z', backupCodesRemaining },
    reauthenticatedUntil: null,
  });
}

function setup(backupCodesRemaining = 8, prepare: (bridge: FakeBridge) => void = () => undefined) {
  const bridge = createFakeBridge();
  bridge.getTwoFactorStatus.mockImplementation(() => enabledStatus(backupCodesRemaining));
  prepare(bridge);
  renderWithBridge(<TwoFactorTab />, bridge);
  return { bridge, user: userEvent.setup() };
}

describe('Two-Factor Authentication tab, when on', () => {
  it('shows since when, the backup codes left and no warning above three', async () => {
    setup(8);
    expect((await screen.findByTestId('backup-codes-left')).textContent).toBe('8');
    expect(screen.getByText('Enabled since')).toBeTruthy();
    expect(screen.queryByText('You are running out of backup codes')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Generate QR Code' })).toBeNull();
  });

  it('warns at three backup codes or fewer', async () => {
    setup(3);
    expect(await screen.findByText('You are running out of backup codes')).toBeTruthy();
    expect(screen.getByText(/Only 3 backup codes are left/)).toBeTruthy();
  });

  it('regenerates backup codes after the password, showing them in the same popup', async () => {
    const { bridge, user } = setup(2);
    await user.click(await screen.findByRole('button', { name: 'Regenerate backup codes' }));
    const prompt = screen.getByRole('dialog', { name: 'Regenerate backup codes' });
    await user.type(within(prompt).getByLabelText('Password'), 'correct horse');
    bridge.getTwoFactorStatus.mockImplementation(() => enabledStatus(10));
    await user.click(within(prompt).getByRole('button', { name: 'Regenerate backup codes' }));
    expect(bridge.regenerateBackupCodes).toHaveBeenCalledWith({ password: 'correct horse' });
    const popup = await screen.findByRole('dialog', { name: 'Backup Codes' });
    expect(within(popup).getByText('XYZAB-23456-CDEFG')).toBeTruthy();
    await user.click(within(popup).getByLabelText('I have saved these codes'));
    await user.click(within(popup).getByRole('button', { name: 'Confirm' }));
    expect((await screen.findByTestId('notice')).textContent).toContain('The old ones no longer work');
    expect((await screen.findByText('10')).getAttribute('data-testid')).toBe('backup-codes-left');
  });

  it('keeps the password prompt open with the error when the password is wrong', async () => {
    const { user } = setup(8, (fake) =>
      fake.regenerateBackupCodes.mockImplementation(() => fail('invalid_credentials')),
    );
    await user.click(await screen.findByRole('button', { name: 'Regenerate backup codes' }));
    const prompt = screen.getByRole('dialog', { name: 'Regenerate backup codes' });
    await user.type(within(prompt).getByLabelText('Password'), 'nope');
    await user.keyboard('{Enter}');
    // Worded for the one field there is: no username to blame.
    expect((await within(prompt).findByRole('alert')).textContent).toContain('That password is not correct.');
    await user.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('resets 2FA after the password and says so, then offers setup again', async () => {
    const { bridge, user } = setup(8);
    await user.click(await screen.findByRole('button', { name: 'Reset 2FA' }));
    const prompt = screen.getByRole('dialog', { name: 'Reset 2FA' });
    await user.type(within(prompt).getByLabelText('Password'), 'correct horse');
    bridge.getTwoFactorStatus.mockImplementation(() =>
      ok({
        user: demoUser,
        twoFactor: { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
        reauthenticatedUntil: null,
      }),
    );
    await user.click(within(prompt).getByRole('button', { name: 'Reset 2FA' }));
    expect(bridge.resetTwoFactor).toHaveBeenCalledWith({ password: 'correct horse' });
    expect((await screen.findByTestId('notice')).textContent).toBe('Two-Factor Authentication has been turned off.');
    expect(await screen.findByRole('button', { name: 'Generate QR Code' })).toBeTruthy();
  });

  it('lists recent security events in words', async () => {
    setup(8, (fake) =>
      fake.listSecurityEvents.mockImplementation(() =>
        ok({
          events: [
            {
              id: 'e1',
              type: 'backup_code_used' as const,
              at: '2026-11-27T08:00:00Z',
              ipAddress: '10.0.0.7',
              method: null,
              detail: null,
            },
            {
              id: 'e2',
              type: 'account_locked' as const,
              at: '2026-11-26T08:00:00Z',
              ipAddress: null,
              method: null,
              detail: null,
            },
          ],
          nextBefore: null,
        }),
      ),
    );
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('Backup code used');
    expect(rows[1]?.textContent).toContain('10.0.0.7');
    expect(rows[2]?.textContent).toContain('Account locked after too many wrong codes');
  });

  it('explains when the status cannot be loaded', async () => {
    setup(8, (fake) => fake.getTwoFactorStatus.mockImplementation(() => fail('timeout')));
    expect((await screen.findByRole('alert')).textContent).toContain('did not answer in time');
  });
});
