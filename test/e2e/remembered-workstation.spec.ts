import { expect, test } from './fixtures';
import {
  enterSecondFactor,
  openUserSettings,
  signInWithPassword,
  signInWithTwoFactorOn,
  signOut,
} from './support/console';
import { startConfiguredPreview } from './support/configured-preview';
import { expectAccessible } from './support/layouts';

/** The server's API as another workstation uses it (the preview is one console with one session). */
function serverApi(serverUrl: string) {
  return async (method: 'GET' | 'POST', path: string, body?: unknown, token?: string) => {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const reply = await fetch(`${serverUrl}/api/v1${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: reply.status, body: (await reply.json()) as Record<string, unknown> };
  };
}

test('Signed-in workstations: another workstation remembered and signed in, forgotten and signed out here', async ({
  page,
}) => {
  const running = await startConfiguredPreview({ SECURUS_REMEMBER_DEVICE_DAYS: '14' });
  try {
    const { previewUrl, serverUrl, demo } = running.fixture;
    const api = serverApi(serverUrl);
    const { backupCodes } = await signInWithTwoFactorOn(page, previewUrl, demo);
    await signOut(page);

    // NIGHT-DESK signs in with a backup code and asks to be remembered.
    const challenge = await api('POST', '/auth/login', demo);
    const remembered = await api('POST', '/auth/login/2fa', {
      challengeToken: challenge.body.challengeToken,
      code: backupCodes[0],
      rememberDevice: true,
      deviceLabel: 'NIGHT-DESK',
    });
    const nightSession = (remembered.body.session as { token: string }).token;
    const deviceToken = (remembered.body.deviceToken as { token: string }).token;

    // The preview keeps tokens in memory, as a console without a keychain does: it never offers to remember.
    await signInWithPassword(page, demo);
    await expect(page.getByLabel('6-digit code')).toBeFocused();
    await expect(page.getByRole('checkbox', { name: /Don.t ask again/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Use a backup code' }).click();
    await enterSecondFactor(page, backupCodes[1] as string);
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();

    await openUserSettings(page);
    await page.getByRole('tab', { name: 'Signed-in workstations' }).click();
    const workstations = page.getByRole('table', { name: 'Remembered workstations' });
    await expect(workstations.getByRole('cell', { name: 'NIGHT-DESK', exact: true })).toBeVisible();
    const sessions = page.getByRole('table', { name: 'Active sessions' });
    await expect(sessions.getByText('This console (current)')).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectAccessible(page, `Signed-in workstations, ${theme}`);
    }

    await sessions.getByRole('button', { name: /^Sign out the session/ }).click();
    await expect(page.getByRole('status')).toContainText('is signed out');
    expect((await api('GET', '/me', undefined, nightSession)).status).toBe(401);
    await expect(sessions.getByRole('row')).toHaveCount(2);

    await page.getByRole('button', { name: 'Forget NIGHT-DESK' }).click();
    await expect(page.getByRole('status')).toContainText('NIGHT-DESK is forgotten');
    await expect(page.getByText('No workstation skips the code')).toBeVisible();
    const again = await api('POST', '/auth/login', { ...demo, deviceToken });
    expect(again.body.status).toBe('2fa_required');
  } finally {
    await running.stop();
  }
});
