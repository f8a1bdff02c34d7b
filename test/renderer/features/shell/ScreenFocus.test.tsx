import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConsoleShell } from '../../../../renderer/features/shell/ConsoleShell';
import { demoUser, fail, renderWithBridge } from '../../support/fakeBridge';

function signedIn() {
  const result = renderWithBridge(
    <ConsoleShell user={demoUser} backupCodesRemaining={null} onSignOut={vi.fn()} onSessionEnded={vi.fn()} />,
  );
  return { ...result, user: userEvent.setup() };
}

async function chooseUserSettings(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: /Alice Martin/ }));
  await user.click(within(screen.getByRole('menu')).getByRole('menuitem', { name: 'User Settings' }));
}

describe('focus on each screen change', () => {
  it('lands on the console home heading after sign-in', () => {
    signedIn();
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: /Welcome/ }));
  });

  it('lands on the User Settings heading when it is chosen, even a second time', async () => {
    const { user } = signedIn();
    await chooseUserSettings(user);
    const heading = screen.getByRole('heading', { level: 1, name: 'User Settings' });
    expect(document.activeElement).toBe(heading);
    await user.tab();
    expect(document.activeElement).not.toBe(heading);
    await chooseUserSettings(user);
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'User Settings' }));
  });

  it('lands on the QR step after Generate QR Code, also after the password prompt', async () => {
    const { bridge, user } = signedIn();
    bridge.beginTwoFactorSetup.mockImplementationOnce(() => fail('reauth_required'));
    await chooseUserSettings(user);
    await user.click(await screen.findByRole('button', { name: 'Generate QR Code' }));
    const dialog = await screen.findByRole('dialog', { name: 'Confirm your password' });
    await user.type(within(dialog).getByLabelText('Password'), 'correct horse{Enter}');
    const step = await screen.findByRole('heading', { name: '1. Scan the QR code' });
    expect(document.activeElement).toBe(step);
  });
});
