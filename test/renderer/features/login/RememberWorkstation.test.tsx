import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LoginScreen } from '../../../../renderer/features/login/LoginScreen';
import { createFakeBridge, ok, renderWithBridge } from '../../support/fakeBridge';

const challenge = {
  status: '2fa_required' as const,
  methods: ['totp' as const, 'backup_code' as const],
  expiresAt: '2030-01-01T00:05:00Z',
};
const serverInfo = {
  issuer: 'Securus',
  twoFactorRemoval: 'allow' as const,
  twoFactorRemovalDelayHours: null,
  twoFactorRequired: false,
  clockSkewSeconds: 0,
};

async function atCodeStep(keychain: 'os' | 'memory', rememberWorkstationDays: number | undefined) {
  const bridge = createFakeBridge();
  bridge.login.mockImplementation(() => ok(challenge));
  bridge.getServerInfo.mockImplementation(() =>
    ok({ ...serverInfo, ...(rememberWorkstationDays === undefined ? {} : { rememberWorkstationDays }) }),
  );
  renderWithBridge(<LoginScreen onSignedIn={vi.fn()} onForgotPassword={vi.fn()} keychain={keychain} />, bridge);
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Username'), 'alice');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.keyboard('{Enter}');
  await screen.findByLabelText('6-digit code');
  return { bridge, user };
}

const choice = /Don.t ask again on this workstation/;

describe('Don’t ask again on this workstation', () => {
  it('is offered with the policy’s days and the OS keychain, and travels with the code when ticked', async () => {
    const { bridge, user } = await atCodeStep('os', 14);
    const box = await screen.findByRole('checkbox', { name: /for 14 days/ });
    expect(box).toHaveProperty('checked', false);
    expect(box.getAttribute('aria-describedby')).toBeTruthy();
    await user.click(box);
    await user.click(screen.getByLabelText('6-digit code'));
    await user.keyboard('123456');
    expect(bridge.submitSecondFactor).toHaveBeenCalledWith({ code: '123456', rememberWorkstation: true });
  });

  it('left unticked, the code goes alone', async () => {
    const { bridge, user } = await atCodeStep('os', 1);
    expect(await screen.findByRole('checkbox', { name: /for 1 day$/ })).toBeTruthy();
    await user.click(screen.getByLabelText('6-digit code'));
    await user.keyboard('123456');
    expect(bridge.submitSecondFactor).toHaveBeenCalledWith({ code: '123456' });
  });

  it.each([0, undefined])('is not offered when the server does not remember workstations (%s)', async (days) => {
    await atCodeStep('os', days);
    expect(screen.queryByRole('checkbox', { name: choice })).toBeNull();
  });

  it('is not offered without the OS keychain, whatever the policy', async () => {
    const { bridge } = await atCodeStep('memory', 14);
    await vi.waitFor(() => expect(bridge.getServerInfo).toHaveBeenCalled());
    expect(screen.queryByRole('checkbox', { name: choice })).toBeNull();
  });
});
