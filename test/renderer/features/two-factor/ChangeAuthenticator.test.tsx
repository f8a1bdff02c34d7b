import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { TwoFactorTab } from '../../../../renderer/features/two-factor/TwoFactorTab';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

const CHANGE = 'Change authenticator app';

function setup(prepare: (bridge: FakeBridge) => void = () => undefined) {
  const bridge = createFakeBridge();
  bridge.getTwoFactorStatus.mockImplementation(() =>
    ok({
      user: demoUser,
      twoFactor: { enabled: true, enabledAt: '2026-11-20T09:30:00Z', backupCodesRemaining: 8 },
      reauthenticatedUntil: null,
    }),
  );
  prepare(bridge);
  renderWithBridge(<TwoFactorTab />, bridge);
  return { bridge, user: userEvent.setup() };
}

async function openChange(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: CHANGE }));
  return screen.findByRole('region', { name: CHANGE });
}

describe('Two-Factor Authentication tab, Change authenticator app', () => {
  it('shows the new QR code and setup key, verifies a code from the new app and says so', async () => {
    const { bridge, user } = setup();
    const panel = await openChange(user);
    expect(within(panel).getByRole('heading', { name: CHANGE })).toBe(document.activeElement);
    expect(await within(panel).findByRole('img', { name: /QR code for Securus: alice/ })).toBeTruthy();
    expect(within(panel).getByTestId('setup-key').textContent).toBe('KRSX G5CT MVRX EZLU KRSX G5CT MVRX EZLU');
    expect(within(panel).getByText(/your current app keeps working/)).toBeTruthy();
    // While the change is open, the other actions wait.
    expect(screen.queryByRole('button', { name: 'Reset 2FA' })).toBeNull();

    await user.type(within(panel).getByLabelText('6-digit code'), '654 321');
    await user.click(within(panel).getByRole('button', { name: 'Verify' }));
    expect(bridge.verifyAuthenticatorChange).toHaveBeenCalledWith({ enrollmentId: 'chg-1', code: '654321' });
    const notice = await screen.findByTestId('notice');
    expect(notice.textContent).toContain('Your authenticator app was changed');
    expect(notice.getAttribute('data-tone')).toBe('success');
    expect(screen.queryByRole('region', { name: CHANGE })).toBeNull();
    expect(bridge.cancelAuthenticatorChange).not.toHaveBeenCalled();
    await waitFor(() => expect(bridge.getTwoFactorStatus).toHaveBeenCalledTimes(2));
  });

  it('asks for the password when the server wants step-up; Cancel there leaves nothing to delete', async () => {
    const { bridge, user } = setup((fake) =>
      fake.beginAuthenticatorChange.mockImplementationOnce(() => fail('reauth_required')),
    );
    await user.click(await screen.findByRole('button', { name: CHANGE }));
    const prompt = await screen.findByRole('dialog', { name: CHANGE });
    await user.click(within(prompt).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(bridge.cancelAuthenticatorChange).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: CHANGE })).toBe(document.activeElement);

    bridge.beginAuthenticatorChange.mockImplementationOnce(() => fail('reauth_required'));
    await user.keyboard('{Enter}');
    const again = await screen.findByRole('dialog', { name: CHANGE });
    await user.type(within(again).getByLabelText('Password'), 'correct horse');
    await user.keyboard('{Enter}');
    expect(bridge.reauthenticate).toHaveBeenCalledWith({ password: 'correct horse' });
    expect(await screen.findByRole('region', { name: CHANGE })).toBeTruthy();
    expect(bridge.beginAuthenticatorChange).toHaveBeenCalledTimes(3);
  });

  it('Cancel at the QR code deletes the change on the server and returns to the enabled view', async () => {
    const { bridge, user } = setup();
    const panel = await openChange(user);
    await user.click(within(panel).getByRole('button', { name: 'Cancel' }));
    expect(bridge.cancelAuthenticatorChange).toHaveBeenCalledWith({ enrollmentId: 'chg-1' });
    expect(screen.queryByRole('region', { name: CHANGE })).toBeNull();
    expect(screen.getByRole('button', { name: CHANGE })).toBe(document.activeElement);
    expect(screen.queryByTestId('notice')).toBeNull();
    expect(bridge.verifyAuthenticatorChange).not.toHaveBeenCalled();
  });

  it('keeps the panel open with the reason when the code is wrong', async () => {
    const { user } = setup((fake) => fake.verifyAuthenticatorChange.mockImplementationOnce(() => fail('invalid_code')));
    const panel = await openChange(user);
    const field = within(panel).getByLabelText('6-digit code');
    await user.type(field, '000000');
    await user.keyboard('{Enter}');
    expect((await within(panel).findByRole('alert')).textContent).toContain('That code is not correct');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByTestId('notice')).toBeNull();
  });

  it('asks for the password again at Verify when step-up ran out, then sends the same code', async () => {
    const { bridge, user } = setup((fake) =>
      fake.verifyAuthenticatorChange.mockImplementationOnce(() => fail('reauth_required')),
    );
    const panel = await openChange(user);
    await user.type(within(panel).getByLabelText('6-digit code'), '246810');
    await user.keyboard('{Enter}');
    const prompt = await screen.findByRole('dialog', { name: CHANGE });
    await user.type(within(prompt).getByLabelText('Password'), 'correct horse');
    await user.keyboard('{Enter}');
    expect(await screen.findByTestId('notice')).toBeTruthy();
    expect(bridge.verifyAuthenticatorChange).toHaveBeenCalledTimes(2);
    expect(bridge.verifyAuthenticatorChange).toHaveBeenLastCalledWith({ enrollmentId: 'chg-1', code: '246810' });
  });

  it('Cancel at that password prompt still deletes the change', async () => {
    const { bridge, user } = setup((fake) =>
      fake.verifyAuthenticatorChange.mockImplementationOnce(() => fail('reauth_required')),
    );
    const panel = await openChange(user);
    await user.type(within(panel).getByLabelText('6-digit code'), '246810');
    await user.keyboard('{Enter}');
    await user.keyboard('{Escape}');
    expect(bridge.cancelAuthenticatorChange).toHaveBeenCalledWith({ enrollmentId: 'chg-1' });
    expect(screen.queryByRole('region', { name: CHANGE })).toBeNull();
    expect(await screen.findByRole('button', { name: CHANGE })).toBe(document.activeElement);
  });

  it('says that nothing changed when the change expired', async () => {
    const { user } = setup((fake) =>
      fake.verifyAuthenticatorChange.mockImplementationOnce(() => fail('enrollment_expired')),
    );
    const panel = await openChange(user);
    await user.type(within(panel).getByLabelText('6-digit code'), '135790');
    await user.keyboard('{Enter}');
    expect(await screen.findByText('The change of authenticator app has expired')).toBeTruthy();
    expect(screen.getByText(/your current authenticator app still works/)).toBeTruthy();
    expect(screen.getByRole('button', { name: CHANGE })).toBe(document.activeElement);
  });
});
