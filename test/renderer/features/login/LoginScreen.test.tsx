import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoginScreen } from '../../../../renderer/features/login/LoginScreen';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

const expiresAt = '2030-01-01T00:05:00Z';

function setup(prepare: (bridge: FakeBridge) => void = () => undefined) {
  const bridge = createFakeBridge();
  prepare(bridge);
  const onSignedIn = vi.fn();
  const onForgotPassword = vi.fn();
  renderWithBridge(<LoginScreen onSignedIn={onSignedIn} onForgotPassword={onForgotPassword} />, bridge);
  return { bridge, onSignedIn, onForgotPassword, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Username'), 'alice');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('LoginScreen, password step', () => {
  it('signs in an account without 2FA', async () => {
    const { bridge, onSignedIn, user } = setup();
    await signIn(user);
    expect(bridge.login).toHaveBeenCalledWith({ username: 'alice', password: 'correct horse' });
    expect(onSignedIn).toHaveBeenCalledWith({
      user: demoUser,
      backupCodesRemaining: null,
      twoFactorRequirement: null,
    });
  });

  it('says when the password is wrong', async () => {
    const { bridge, user } = setup();
    bridge.login.mockImplementation(() => fail('invalid_credentials'));
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toContain('The username or password is incorrect.');
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it('counts down a lock', async () => {
    const { bridge, user } = setup();
    bridge.login.mockImplementation(() => fail('locked', { retryAfterSeconds: 125 }));
    await signIn(user);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many incorrect codes');
    expect(alert.textContent).toMatch(/try again in 2 min (5|4) s/);
  });

  it('explains an unreachable server and a bridge that fails outright', async () => {
    const { bridge, user } = setup();
    bridge.login.mockImplementationOnce(() => fail('server_unreachable'));
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    bridge.login.mockImplementationOnce(() => Promise.reject(new TypeError('Failed to fetch')));
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(bridge.login).toHaveBeenCalledTimes(2));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
  });

  it('says the workstation is offline without calling the server', async () => {
    const { bridge, user } = setup();
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toContain('offline');
    expect(bridge.login).not.toHaveBeenCalled();
  });

  it('links to Forgot Password', async () => {
    const { onForgotPassword, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Forgot Password' }));
    expect(onForgotPassword).toHaveBeenCalledOnce();
  });
});

describe('LoginScreen, 2FA step', () => {
  function withChallenge(prepare?: (bridge: FakeBridge) => void) {
    const context = setup(prepare);
    context.bridge.login.mockImplementation(() =>
      ok({ status: '2fa_required' as const, methods: ['totp' as const, 'backup_code' as const], expiresAt }),
    );
    return context;
  }

  it('asks for the 6-digit code and verifies a pasted one, which submits itself', async () => {
    const { bridge, onSignedIn, user } = withChallenge();
    await signIn(user);
    const field = await screen.findByLabelText('6-digit code');
    expect(document.activeElement).toBe(field);
    await user.paste('123 456');
    await waitFor(() => expect(bridge.submitSecondFactor).toHaveBeenCalledOnce());
    expect(bridge.submitSecondFactor).toHaveBeenCalledWith({ code: '123456' });
    expect(onSignedIn).toHaveBeenCalledWith({ user: demoUser, backupCodesRemaining: 10, twoFactorRequirement: null });
  });

  it('explains a wrong code and keeps the step', async () => {
    const { bridge, user } = withChallenge();
    bridge.submitSecondFactor.mockImplementation(() => fail('invalid_code'));
    await signIn(user);
    await user.type(await screen.findByLabelText('6-digit code'), '000000');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('That code is not correct');
    expect(screen.getByLabelText('6-digit code').getAttribute('aria-invalid')).toBe('true');
  });

  it('refuses a short code before calling the server', async () => {
    const { bridge, user } = withChallenge();
    await signIn(user);
    await user.type(await screen.findByLabelText('6-digit code'), '1234');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('Enter the 6 digits');
    expect(bridge.submitSecondFactor).not.toHaveBeenCalled();
  });

  it('switches to a backup code', async () => {
    const { bridge, user } = withChallenge();
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Use a backup code' }));
    const field = screen.getByLabelText<HTMLInputElement>('Backup code');
    // The fifteenth symbol completes the code, which then submits itself.
    await user.type(field, 'k7qx9 2mfpa h3wzt');
    await waitFor(() => expect(bridge.submitSecondFactor).toHaveBeenCalledOnce());
    expect(bridge.submitSecondFactor).toHaveBeenCalledWith({ code: 'K7QX92MFPAH3WZT' });
    expect(screen.queryByLabelText('6-digit code')).toBeNull();
  });

  it('returns to the password step when the challenge expired', async () => {
    const { bridge, user } = withChallenge();
    bridge.submitSecondFactor.mockImplementation(() => fail('challenge_expired'));
    await signIn(user);
    await user.type(await screen.findByLabelText('6-digit code'), '123456');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('timed out');
    expect(screen.getByLabelText('Username')).toBeTruthy();
  });

  it('shows a lock with the time remaining, ticking down, and takes codes again by itself when it ends', async () => {
    const { bridge, user } = withChallenge();
    bridge.submitSecondFactor.mockImplementation(() => fail('locked', { retryAfterSeconds: 3 }));
    await signIn(user);
    const field = await screen.findByLabelText<HTMLInputElement>('6-digit code');
    await user.type(field, '12345');
    vi.useFakeTimers({ shouldAdvanceTime: true });
    await act(async () => {
      fireEvent.change(field, { target: { value: '123456' } });
      await Promise.resolve();
    });
    expect((await screen.findByRole('alert')).textContent).toContain('You can try again in 3 s');
    expect(field.readOnly).toBe(true);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(3100);
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('The lock has ended. You can enter a code again.');
    expect(field.readOnly).toBe(false);
    expect(document.activeElement).toBe(field);
  });

  it('warns about a workstation clock more than 15 s off', async () => {
    const { user } = withChallenge((fake) =>
      fake.getServerInfo.mockImplementation(() =>
        ok({
          issuer: 'Securus',
          twoFactorRemoval: 'allow' as const,
          twoFactorRemovalDelayHours: null,
          twoFactorRequired: false,
          clockSkewSeconds: -42,
        }),
      ),
    );
    await signIn(user);
    const hint = await screen.findByText(/42 seconds behind the Securus server/);
    expect(hint).toBeTruthy();
  });

  it('shows no clock hint within 15 s', async () => {
    const { bridge, user } = withChallenge((fake) =>
      fake.getServerInfo.mockImplementation(() =>
        ok({
          issuer: 'Securus',
          twoFactorRemoval: 'allow' as const,
          twoFactorRemovalDelayHours: null,
          twoFactorRequired: false,
          clockSkewSeconds: 15,
        }),
      ),
    );
    await signIn(user);
    await screen.findByLabelText('6-digit code');
    await waitFor(() => expect(bridge.getServerInfo).toHaveBeenCalled());
    expect(screen.queryByText(/clock is off/)).toBeNull();
  });
});
