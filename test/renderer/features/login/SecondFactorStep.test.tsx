import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { IpcResponse } from '../../../../shared/ipc/contract';
import type { IpcResult } from '../../../../shared/ipc/result';
import { LoginScreen } from '../../../../renderer/features/login/LoginScreen';
import { createFakeBridge, demoUser, fail, ok, renderWithBridge, type FakeBridge } from '../../support/fakeBridge';

const challenge = { status: '2fa_required' as const, methods: ['totp' as const, 'backup_code' as const] };
const expiresAt = '2030-01-01T00:05:00Z';

function atCodeStep(options: { lockedForSeconds?: number; helpContact?: string } = {}) {
  const bridge: FakeBridge = createFakeBridge();
  const { lockedForSeconds, helpContact } = options;
  bridge.login.mockImplementation(() =>
    ok({ ...challenge, expiresAt, ...(lockedForSeconds ? { lockedForSeconds } : {}) }),
  );
  renderWithBridge(
    <LoginScreen onSignedIn={vi.fn()} onForgotPassword={vi.fn()} helpContact={helpContact ?? null} />,
    bridge,
  );
  return { bridge, user: userEvent.setup() };
}

async function signIn(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText('Username'), 'alice');
  await user.type(screen.getByLabelText('Password'), 'correct horse');
  await user.keyboard('{Enter}');
}

describe('the code step after the password', () => {
  it('shows an existing lock at once: the time left, that backup codes wait too, and who can help', async () => {
    const { bridge, user } = atCodeStep({ lockedForSeconds: 600 });
    await signIn(user);
    const field = await screen.findByLabelText<HTMLInputElement>('6-digit code');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('This account is locked');
    expect(within(alert).getByRole('timer').textContent).toMatch(/You can try again in (10 min|9 min 59 s)\./);
    expect(alert.textContent).toContain('nor backup codes are accepted');
    expect(alert.textContent).toContain('To sign in sooner, ask your administrator.');
    expect(document.activeElement).toBe(field);
    expect(field.readOnly).toBe(true);
    expect(field.disabled).toBe(false);
    await user.keyboard('123456{Enter}');
    expect(bridge.submitSecondFactor).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Use a backup code' }));
    expect(screen.getByRole('alert').textContent).toContain('This account is locked');
    expect(screen.getByLabelText<HTMLInputElement>('Backup code').readOnly).toBe(true);
  });

  it("names IT's help contact from the policy", async () => {
    const { user } = atCodeStep({ lockedForSeconds: 60, helpContact: 'the IT service desk on extension 4357' });
    await signIn(user);
    expect((await screen.findByRole('alert')).textContent).toContain(
      'To sign in sooner, contact the IT service desk on extension 4357.',
    );
  });

  it('says how many tries are left from the third-to-last one, as the server counts them', async () => {
    const { bridge, user } = atCodeStep();
    const left = [4, 3, 1];
    bridge.submitSecondFactor.mockImplementation(() => fail('invalid_code', { attemptsRemaining: left.shift() }));
    await signIn(user);
    await user.type(await screen.findByLabelText('6-digit code'), '000000');
    expect((await screen.findByRole('alert')).textContent).not.toMatch(/left/);
    // The refused code is selected: the next one typed replaces it.
    await user.keyboard('000001');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('3 tries left before this account is locked.'),
    );
    await user.keyboard('000002');
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toContain('1 try left before this account is locked.'),
    );
  });

  it('keeps focus in the field while checking and after a refusal, with the refused code selected', async () => {
    const { bridge, user } = atCodeStep();
    let answer: (result: IpcResult<IpcResponse<'auth:submit-second-factor'>>) => void = () => undefined;
    bridge.submitSecondFactor.mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await signIn(user);
    const field = await screen.findByLabelText<HTMLInputElement>('6-digit code');
    await user.type(field, '000000');
    await user.keyboard('{Enter}');
    expect(screen.getByRole('form', { name: 'Two-Factor Authentication' }).getAttribute('aria-busy')).toBe('true');
    expect(field.readOnly).toBe(true);
    expect(field.disabled).toBe(false);
    expect(document.activeElement).toBe(field);
    // The code that completed itself and the Enter after it reach the server once.
    expect(bridge.submitSecondFactor).toHaveBeenCalledOnce();

    answer({ ok: false, error: { code: 'invalid_code', message: 'That code is not correct.', attemptsRemaining: 9 } });
    expect((await screen.findByRole('alert')).textContent).toContain('That code is not correct.');
    expect(field.readOnly).toBe(false);
    expect(document.activeElement).toBe(field);
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, 6]);
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('tells a code just used apart from a wrong one', async () => {
    const { bridge, user } = atCodeStep();
    bridge.submitSecondFactor.mockImplementation(() => fail('code_already_used', { attemptsRemaining: 9 }));
    await signIn(user);
    await user.type(await screen.findByLabelText('6-digit code'), '123456');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      'That code was just used. Wait for the next code in your authenticator app, then enter it.',
    );
    expect(alert.textContent).not.toContain('not correct');
  });

  it('speaks of backup codes, not of the authenticator app, under the Backup code field', async () => {
    const { bridge, user } = atCodeStep();
    bridge.submitSecondFactor.mockImplementation(() => fail('invalid_code', { attemptsRemaining: 8 }));
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: 'Use a backup code' }));
    await user.type(screen.getByLabelText('Backup code'), 'K7QX9-2MFPA-H3WZT');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('That backup code is wrong or has already been used.');
    expect(alert.textContent).not.toContain('Check your authenticator app');
  });

  it('signs in when the whole code is typed, without Verify', async () => {
    const { bridge, user } = atCodeStep();
    await signIn(user);
    await user.type(await screen.findByLabelText('6-digit code'), '123456');
    await waitFor(() => expect(bridge.submitSecondFactor).toHaveBeenCalledWith({ code: '123456' }));
    await expect(bridge.submitSecondFactor.mock.results[0]?.value).resolves.toMatchObject({
      value: { user: demoUser },
    });
  });
});
