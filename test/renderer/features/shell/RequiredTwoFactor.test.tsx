import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { TwoFactorRequirement } from '../../../../shared/api';
import { ConsoleShell } from '../../../../renderer/features/shell/ConsoleShell';
import { timeLeftText } from '../../../../renderer/features/two-factor/RequiredByPolicyAlert';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

const DAY = 24 * 60 * 60 * 1000;

function enabledStatus() {
  return ok({
    user: demoUser,
    twoFactor: { enabled: true, enabledAt: '2026-12-04T10:00:00Z', backupCodesRemaining: 2 },
    reauthenticatedUntil: null,
    twoFactorRequirement: null,
  });
}

function renderShell(requirement: TwoFactorRequirement | null, prepare: (bridge: FakeBridge) => void = () => {}) {
  const bridge = createFakeBridge();
  if (requirement) {
    bridge.getTwoFactorStatus.mockImplementation(() =>
      ok({
        user: demoUser,
        twoFactor: { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
        reauthenticatedUntil: null,
        twoFactorRequirement: requirement,
      }),
    );
  }
  prepare(bridge);
  const onSignOut = vi.fn();
  renderWithBridge(
    <ConsoleShell
      user={demoUser}
      backupCodesRemaining={null}
      twoFactorRequirement={requirement}
      onSignOut={onSignOut}
      onSessionEnded={vi.fn()}
    />,
    bridge,
  );
  return { bridge, onSignOut, user: userEvent.setup() };
}

async function completeSetup(bridge: FakeBridge, user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByLabelText('6-digit code'), '123456');
  await user.click(screen.getByRole('button', { name: 'Verify' }));
  const dialog = await screen.findByRole('dialog', { name: 'Backup Codes' });
  await user.click(within(dialog).getByLabelText('I have saved these codes'));
  bridge.getTwoFactorStatus.mockImplementation(enabledStatus);
  await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
}

describe('the console when the policy requires 2FA', () => {
  it('counts the days left to the nearest, and says when less than one is left', () => {
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(timeLeftText(new Date(now + 3 * DAY + 5 * 3600_000).toISOString(), now)).toBe('3 days');
    expect(timeLeftText(new Date(now + 7 * DAY - 1000).toISOString(), now)).toBe('7 days');
    expect(timeLeftText(new Date(now + DAY).toISOString(), now)).toBe('1 day');
    expect(timeLeftText(new Date(now + 5 * 3600_000).toISOString(), now)).toBe('Less than a day');
  });

  it('during the grace, Home shows the days left and Set up now starts the setup', async () => {
    const graceEndsAt = new Date(Date.now() + 5 * DAY + 3600_000).toISOString();
    const { bridge, user } = renderShell({ graceEndsAt, setupOnly: false });
    expect(await screen.findByText('Your organisation requires Two-Factor Authentication')).toBeTruthy();
    expect(screen.getByText(/^5 days left to set it up/)).toBeTruthy();
    expect(screen.queryByText('Your account is protected by a password only')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Set up now' }));
    expect(await screen.findByRole('img', { name: /QR code for Securus: alice/ })).toBeTruthy();
    expect(bridge.beginTwoFactorSetup).toHaveBeenCalledOnce();
  });

  it('after the grace, shows only the setup, already started, with Sign out as the only way out', async () => {
    const { bridge, onSignOut, user } = renderShell({ graceEndsAt: '2026-11-01T09:00:00Z', setupOnly: true });
    expect(screen.getByRole('heading', { name: 'Set up Two-Factor Authentication to continue' })).toBeTruthy();
    expect(await screen.findByRole('img', { name: /QR code for Securus: alice/ })).toBeTruthy();
    expect(bridge.beginTwoFactorSetup).toHaveBeenCalledOnce();
    expect(bridge.listSecurityEvents).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Securus Console' })).toBeNull();

    await user.click(screen.getByRole('button', { name: /Alice Martin/ }));
    const items = screen.getAllByRole('menuitem').map((item) => item.textContent);
    expect(items).toEqual(['Sign out']);
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    expect(onSignOut).toHaveBeenCalledOnce();
  });

  it('once the setup is confirmed, returns to the whole console with the confirmation', async () => {
    const { bridge, user } = renderShell({ graceEndsAt: '2026-11-01T09:00:00Z', setupOnly: true });
    await screen.findByRole('img', { name: /QR code for Securus: alice/ });
    await completeSetup(bridge, user);
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toBe('Two-Factor Authentication is now on.');
    await waitFor(() => expect(document.activeElement).toBe(notice));
    expect(screen.getByRole('heading', { name: 'Welcome, Alice Martin' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Securus Console' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /Alice Martin/ }));
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toContain('User Settings');
  });

  it('Reset 2FA under the policy says a new setup follows, then goes straight to it', async () => {
    const { bridge, user } = renderShell(null, (fake) => {
      fake.getTwoFactorStatus.mockImplementation(enabledStatus);
      fake.getServerInfo.mockImplementation(() =>
        ok({
          issuer: 'Securus',
          twoFactorRemoval: 'allow' as const,
          twoFactorRemovalDelayHours: null,
          twoFactorRequired: true,
          clockSkewSeconds: 0,
        }),
      );
      fake.resetTwoFactor.mockImplementation(() =>
        ok({ message: 'Two-Factor Authentication was reset. Set it up again now.', setupRequired: true }),
      );
    });
    await user.click(await screen.findByRole('button', { name: 'Open User Settings' }));
    await user.click(await screen.findByRole('button', { name: 'Reset 2FA' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reset 2FA' });
    expect(await within(dialog).findByText('You will have to set it up again at once')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse');
    bridge.getTwoFactorStatus.mockImplementation(() =>
      ok({
        user: demoUser,
        twoFactor: { enabled: false, enabledAt: null, backupCodesRemaining: 0 },
        reauthenticatedUntil: null,
        twoFactorRequirement: { graceEndsAt: '2026-11-01T09:00:00Z', setupOnly: true },
      }),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Reset 2FA' }));
    expect(await screen.findByRole('heading', { name: 'Set up Two-Factor Authentication to continue' })).toBeTruthy();
    expect(
      screen.getByText(/^Two-Factor Authentication was reset\. Set it up again now\. Until it is on/),
    ).toBeTruthy();
    expect(await screen.findByRole('img', { name: /QR code for Securus: alice/ })).toBeTruthy();
  });

  it('a call refused with two_factor_setup_required (2FA reset from another console) turns to the setup', async () => {
    const { user } = renderShell(null, (fake) => {
      fake.getTwoFactorStatus.mockImplementation(enabledStatus);
      fake.listSecurityEvents.mockImplementation(() => fail('two_factor_setup_required'));
    });
    await user.click(await screen.findByRole('button', { name: 'Open User Settings' }));
    expect(await screen.findByRole('heading', { name: 'Set up Two-Factor Authentication to continue' })).toBeTruthy();
  });
});
