import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { HomeView } from '../../../../renderer/features/shell/HomeView';
import { createFakeBridge, demoUser, ok, renderWithBridge } from '../../support/fakeBridge';

function status(enabled: boolean, backupCodesRemaining: number) {
  return ok({
    user: demoUser,
    twoFactor: { enabled, enabledAt: enabled ? '2026-11-20T09:30:00Z' : null, backupCodesRemaining },
    reauthenticatedUntil: null,
  });
}

describe('HomeView', () => {
  it('urges a supervisor without 2FA to set it up, and its button starts the setup itself', async () => {
    const onOpenSettings = vi.fn();
    const onStartSetup = vi.fn();
    renderWithBridge(
      <HomeView
        user={demoUser}
        backupCodesRemaining={null}
        onOpenSettings={onOpenSettings}
        onStartSetup={onStartSetup}
      />,
    );
    expect(await screen.findByText('Your account is protected by a password only')).toBeTruthy();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Set up Two-Factor Authentication' }));
    expect(onStartSetup).toHaveBeenCalledOnce();
    expect(onOpenSettings).not.toHaveBeenCalled();
  });

  it('says 2FA is on, and warns when few backup codes are left', async () => {
    const bridge = createFakeBridge();
    bridge.getTwoFactorStatus.mockImplementation(() => status(true, 2));
    renderWithBridge(
      <HomeView user={demoUser} backupCodesRemaining={2} onOpenSettings={vi.fn()} onStartSetup={vi.fn()} />,
      bridge,
    );
    expect(await screen.findByText(/^On\./)).toBeTruthy();
    expect(screen.getByText('2 backup codes are left. Regenerate them in User Settings.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open User Settings' })).toBeTruthy();
  });

  it('does not warn with enough backup codes', async () => {
    const bridge = createFakeBridge();
    bridge.getTwoFactorStatus.mockImplementation(() => status(true, 9));
    renderWithBridge(
      <HomeView user={demoUser} backupCodesRemaining={9} onOpenSettings={vi.fn()} onStartSetup={vi.fn()} />,
      bridge,
    );
    await screen.findByText(/^On\./);
    expect(screen.queryByText('You are running out of backup codes')).toBeNull();
  });
});
