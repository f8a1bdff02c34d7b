import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../renderer/app/App';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../support/fakeBridge';

function start(prepare: (bridge: FakeBridge) => void = () => undefined) {
  const bridge = createFakeBridge();
  prepare(bridge);
  renderWithBridge(<App />, bridge);
  return { bridge, user: userEvent.setup() };
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('App', () => {
  it('shows the login when signed out', async () => {
    start();
    expect(await screen.findByRole('heading', { name: 'Sign in to Securus Console' })).toBeTruthy();
  });

  it('a kept session restricted by the 2FA policy opens on the setup', async () => {
    const requirement = { graceEndsAt: '2026-11-01T09:00:00Z', setupOnly: true };
    start((bridge) =>
      bridge.getSession.mockImplementation(() =>
        ok({ status: 'signed_in' as const, user: demoUser, twoFactorRequirement: requirement }),
      ),
    );
    expect(await screen.findByRole('heading', { name: 'Set up Two-Factor Authentication to continue' })).toBeTruthy();
  });

  it('a password sign-in restricted by the 2FA policy lands on the setup', async () => {
    const { user } = start((bridge) =>
      bridge.login.mockImplementation(() =>
        ok({
          status: 'authenticated' as const,
          user: demoUser,
          twoFactorRequirement: { graceEndsAt: '2026-11-01T09:00:00Z', setupOnly: true },
        }),
      ),
    );
    await user.type(await screen.findByLabelText('Username'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'correct horse');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { name: 'Set up Two-Factor Authentication to continue' })).toBeTruthy();
  });

  it('names the file and field of an invalid IT policy and shows nothing else', async () => {
    start((bridge) =>
      bridge.getAppInfo.mockImplementation(() =>
        ok({
          version: '0.1.0',
          platform: 'linux',
          serverUrl: '',
          issuerDisplayName: 'Securus',
          helpContact: null,
          keychain: 'os' as const,
          configurationProblem: {
            file: '/etc/securus-console/policy.json',
            field: 'serverUrl',
            message: 'Must be https.',
          },
        }),
      ),
    );
    expect(await screen.findByRole('heading', { name: 'Securus Console cannot start' })).toBeTruthy();
    expect(screen.getByText('/etc/securus-console/policy.json')).toBeTruthy();
    expect(screen.getByText('serverUrl')).toBeTruthy();
    expect(screen.queryByLabelText('Username')).toBeNull();
  });

  it('says once when tokens are kept in memory only', async () => {
    start((bridge) =>
      bridge.getAppInfo.mockImplementation(() =>
        ok({
          version: '0.1.0',
          platform: 'linux',
          serverUrl: 'http://127.0.0.1:8443',
          issuerDisplayName: 'Securus',
          helpContact: null,
          keychain: 'memory' as const,
          configurationProblem: null,
        }),
      ),
    );
    expect(await screen.findByText(/no keychain/)).toBeTruthy();
  });

  it('resumes a kept session: the supervisor in the top bar, the menu to User Settings, and sign out', async () => {
    const { bridge, user } = start((fake) =>
      fake.getSession.mockImplementation(() =>
        ok({ status: 'signed_in' as const, user: demoUser, twoFactorRequirement: null }),
      ),
    );
    const menuButton = await screen.findByRole('button', { name: /Alice Martin/ });
    expect(within(screen.getByRole('banner')).getByText('Alice Martin')).toBeTruthy();
    expect(menuButton.getAttribute('aria-expanded')).toBe('false');
    await user.click(menuButton);
    const menu = screen.getByRole('menu', { name: 'Account' });
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'User Settings' }));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(within(menu).getByRole('menuitem', { name: 'Sign out' }));
    await user.keyboard('{ArrowUp}{Enter}');
    expect(await screen.findByRole('heading', { name: 'User Settings' })).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Two-Factor Authentication' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByRole('button', { name: 'Generate QR Code' })).toBeTruthy();

    await user.click(menuButton);
    await user.click(screen.getByRole('menuitem', { name: 'Sign out' }));
    expect(bridge.logout).toHaveBeenCalledOnce();
    expect(await screen.findByRole('heading', { name: 'Sign in to Securus Console' })).toBeTruthy();
  });

  it('closes the menu on Escape and returns focus to its button', async () => {
    const { user } = start((fake) =>
      fake.getSession.mockImplementation(() =>
        ok({ status: 'signed_in' as const, user: demoUser, twoFactorRequirement: null }),
      ),
    );
    const menuButton = await screen.findByRole('button', { name: /Alice Martin/ });
    await user.click(menuButton);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton);
  });

  it('applies and saves the theme from User Settings', async () => {
    const { bridge, user } = start((fake) => {
      fake.getSession.mockImplementation(() =>
        ok({ status: 'signed_in' as const, user: demoUser, twoFactorRequirement: null }),
      );
      fake.getSettings.mockImplementation(() => ok({ theme: 'light' as const }));
    });
    await screen.findByRole('button', { name: /Alice Martin/ });
    expect(document.documentElement.dataset.theme).toBe('light');
    await user.click(await screen.findByRole('button', { name: 'Set up Two-Factor Authentication' }));
    await user.click(screen.getByRole('tab', { name: 'Two-Factor Authentication' }));
    await user.keyboard('{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Appearance' }).getAttribute('aria-selected')).toBe('true');
    await user.click(screen.getByLabelText('Dark'));
    expect(bridge.updateSettings).toHaveBeenCalledWith({ theme: 'dark' });
    await screen.findByRole('radio', { name: 'Dark', checked: true });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('goes to Forgot Password and back', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Forgot Password' }));
    expect(await screen.findByRole('heading', { name: 'Forgot Password' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeTruthy();
  });

  it('returns to the login with an explanation when the session has ended', async () => {
    start((fake) => {
      fake.getSession.mockImplementation(() =>
        ok({ status: 'signed_in' as const, user: demoUser, twoFactorRequirement: null }),
      );
      fake.getTwoFactorStatus.mockImplementation(() => fail('unauthenticated'));
    });
    expect(await screen.findByRole('heading', { name: 'Sign in to Securus Console' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('You are signed out');
  });

  it('puts the previous theme back when it cannot be saved', async () => {
    const { bridge, user } = start((fake) => {
      fake.getSession.mockImplementation(() =>
        ok({ status: 'signed_in' as const, user: demoUser, twoFactorRequirement: null }),
      );
      fake.updateSettings.mockImplementation(() => fail('unexpected'));
    });
    await user.click(await screen.findByRole('button', { name: 'Set up Two-Factor Authentication' }));
    await user.click(screen.getByRole('tab', { name: 'Appearance' }));
    await user.click(screen.getByLabelText('Dark'));
    expect(bridge.updateSettings).toHaveBeenCalledWith({ theme: 'dark' });
    expect((await screen.findByRole('alert')).textContent).toContain('Something unexpected happened');
    expect(screen.getByRole<HTMLInputElement>('radio', { name: 'Same as the system' }).checked).toBe(true);
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
