import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TwoFactorTab } from '../../../../renderer/features/two-factor/TwoFactorTab';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

function setup(prepare: (bridge: FakeBridge) => void = () => undefined) {
  const bridge = createFakeBridge();
  prepare(bridge);
  renderWithBridge(<TwoFactorTab />, bridge);
  return { bridge, user: userEvent.setup() };
}

async function generate(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: 'Generate QR Code' }));
}

describe('Two-Factor Authentication tab, setup', () => {
  it('goes from Generate QR Code to the confirmation message', async () => {
    const { bridge, user } = setup();
    await generate(user);
    const qr = await screen.findByRole('img', { name: /QR code for Securus: alice/ });
    expect(qr.querySelector('rect')?.getAttribute('fill')).toBe('#ffffff');
    expect(qr.querySelector('path')?.getAttribute('d')).toMatch(/^M4 4h1v1h-1z/);
    expect(screen.getByTestId('setup-key').textContent).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
    expect(screen.getAllByText('Securus: alice').length).toBeGreaterThan(0);
    expect(screen.getByText(/Cannot scan the code\?/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Copy the setup key' }));
    expect(bridge.copyToClipboard).toHaveBeenCalledWith({ text: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', sensitive: true });
    expect(await screen.findByText('Copied. The clipboard is cleared in 60 seconds.')).toBeTruthy();

    await user.type(screen.getByLabelText('6-digit code'), '123 456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(bridge.verifyTwoFactorSetup).toHaveBeenCalledWith({ enrollmentId: 'enr-1', code: '123456' });

    const dialog = await screen.findByRole('dialog', { name: 'Backup Codes' });
    const codes = within(dialog).getByTestId('backup-codes');
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['ABCDE-23456-FGHJK', 'MNPQR-78923-STUVW']);
    expect(within(dialog).getByText(/cannot be shown again/)).toBeTruthy();
    const confirm = within(dialog).getByRole<HTMLButtonElement>('button', { name: 'Confirm' });
    expect(confirm.disabled).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(bridge.saveBackupCodes).toHaveBeenCalledWith({
      codes: ['ABCDE-23456-FGHJK', 'MNPQR-78923-STUVW'],
      accountLabel: 'Securus: alice',
    });
    expect(await within(dialog).findByText('Saved to /home/alice/securus-backup-codes.txt.')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Print' }));
    expect(bridge.printBackupCodes).toHaveBeenCalledOnce();

    await user.click(within(dialog).getByLabelText('I have saved these codes'));
    expect(confirm.disabled).toBe(false);
    bridge.getTwoFactorStatus.mockImplementation(() =>
      ok({
        user: demoUser,
        twoFactor: { enabled: true, enabledAt: '2026-11-28T10:00:00Z', backupCodesRemaining: 10 },
        reauthenticatedUntil: null,
      }),
    );
    await user.click(confirm);
    expect(bridge.confirmTwoFactorSetup).toHaveBeenCalledWith({ enrollmentId: 'enr-1' });
    expect((await screen.findByTestId('notice')).textContent).toBe('Two-Factor Authentication is now on.');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Reset 2FA' })).toBeTruthy();
  });

  it('asks for the password when the server wants step-up, then draws the code', async () => {
    const { bridge, user } = setup((fake) =>
      fake.beginTwoFactorSetup.mockImplementationOnce(() => fail('reauth_required')),
    );
    await generate(user);
    const dialog = await screen.findByRole('dialog', { name: 'Confirm your password' });
    bridge.reauthenticate.mockImplementationOnce(() => fail('invalid_credentials'));
    await user.type(within(dialog).getByLabelText('Password'), 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('That password is not correct.');
    await user.clear(within(dialog).getByLabelText('Password'));
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse');
    await user.click(within(dialog).getByRole('button', { name: 'Continue' }));
    expect(bridge.reauthenticate).toHaveBeenLastCalledWith({ password: 'correct horse' });
    expect(await screen.findByRole('img', { name: /QR code/ })).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('explains a wrong code and lets the supervisor try again', async () => {
    const { bridge, user } = setup((fake) =>
      fake.verifyTwoFactorSetup.mockImplementationOnce(() => fail('invalid_code')),
    );
    await generate(user);
    await user.type(await screen.findByLabelText('6-digit code'), '000000');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect((await screen.findByRole('alert')).textContent).toContain('That code is not correct');
    await user.clear(screen.getByLabelText('6-digit code'));
    await user.type(screen.getByLabelText('6-digit code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByRole('dialog', { name: 'Backup Codes' })).toBeTruthy();
    expect(bridge.verifyTwoFactorSetup).toHaveBeenCalledTimes(2);
  });

  it('explains an expired setup and recovers with a new QR code', async () => {
    const { bridge, user } = setup((fake) =>
      fake.verifyTwoFactorSetup.mockImplementationOnce(() => fail('enrollment_expired')),
    );
    await generate(user);
    await user.type(await screen.findByLabelText('6-digit code'), '123456');
    await user.click(screen.getByRole('button', { name: 'Verify' }));
    expect(await screen.findByText('This setup has expired')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    await generate(user);
    expect(await screen.findByRole('img', { name: /QR code/ })).toBeTruthy();
    expect(bridge.beginTwoFactorSetup).toHaveBeenCalledTimes(2);
  });

  it('expires on screen when the setup time has passed', async () => {
    const { user } = setup((fake) =>
      fake.beginTwoFactorSetup.mockImplementation(() =>
        ok({
          enrollmentId: 'enr-2',
          secret: 'JBSWY3DPEHPK3PXP',
          otpauthUri: 'otpauth://totp/Securus:alice?secret=JBSWY3DPEHPK3PXP&issuer=Securus',
          accountLabel: 'Securus: alice',
          expiresAt: new Date(Date.now() + 300).toISOString(),
        }),
      ),
    );
    await generate(user);
    expect(await screen.findByText('This setup has expired', undefined, { timeout: 3000 })).toBeTruthy();
  });

  it('shows the clock hint on setup', async () => {
    const { user } = setup((fake) =>
      fake.getServerInfo.mockImplementation(() =>
        ok({
          issuer: 'Securus',
          twoFactorRemoval: 'allow' as const,
          twoFactorRemovalDelayHours: null,
          twoFactorRequired: false,
          clockSkewSeconds: 95,
        }),
      ),
    );
    await generate(user);
    expect(await screen.findByText(/95 seconds ahead of the Securus server/)).toBeTruthy();
  });

  it('explains why setup could not start', async () => {
    const { user } = setup((fake) => fake.beginTwoFactorSetup.mockImplementation(() => fail('server_unreachable')));
    await generate(user);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Generate QR Code' })).toBeTruthy());
  });
});
