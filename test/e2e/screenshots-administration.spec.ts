import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { addAccountWithCli } from './support/administration';
import { expectNoAxeViolations } from './support/axe';
import { signInWithPassword, signInWithTwoFactorOn, signOut } from './support/console';
import { startConfiguredPreview } from './support/configured-preview';
import { saveScreenshot } from './support/screenshots';

// The screens that need a configured server, for docs/screenshots (accessibility.spec.ts takes the others).

/** axe in each theme, then the screenshot: the committed pictures are of screens that passed. */
async function captureInBothThemes(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    // The theme is 'system' here, which the stylesheet follows at once.
    await page.emulateMedia({ colorScheme: theme });
    await expectNoAxeViolations(page, `${name}, ${theme}`);
    await saveScreenshot(page, name, theme);
  }
}

/** The server's API as another workstation uses it. */
async function postToServer(serverUrl: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const reply = await fetch(`${serverUrl}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await reply.json()) as Record<string, unknown>;
}

test('screenshot: the setup the policy requires after the grace', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_REQUIRE_2FA: 'on', SECURUS_REQUIRE_2FA_GRACE_DAYS: '0' });
  try {
    const { previewUrl, demo } = running.fixture;
    await page.goto(previewUrl);
    await signInWithPassword(page, demo);
    await expect(page.getByRole('heading', { name: 'Set up Two-Factor Authentication to continue' })).toBeVisible();
    await expect(page.getByTestId('setup-qr')).toBeVisible();
    await captureInBothThemes(page, 'required-setup');
  } finally {
    await running.stop();
  }
});

test('screenshot: the administrator’s Supervisors view', async ({ page }) => {
  // Three wrong codes lock an account, so the table shows a lock beside 2FA on and off.
  const running = await startConfiguredPreview({ SECURUS_LOCKOUT_THRESHOLD: '3' });
  try {
    const { previewUrl, serverUrl, demo, dataDir } = running.fixture;
    const [ada] = await Promise.all([
      addAccountWithCli(dataDir, { username: 'ada', displayName: 'Ada Admin', role: 'admin' }),
      addAccountWithCli(dataDir, { username: 'sam', displayName: 'Sam Carter', role: 'supervisor' }),
    ]);
    const { app } = await signInWithTwoFactorOn(page, previewUrl, demo);
    await signOut(page);
    const { challengeToken } = await postToServer(serverUrl, '/auth/login', demo);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await postToServer(serverUrl, '/auth/login/2fa', { challengeToken, code: app.wrongCode() });
    }

    await signInWithPassword(page, ada);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Ada Admin/ })
      .click();
    await page.getByRole('menuitem', { name: 'Supervisors' }).click();
    const table = page.getByRole('table', { name: 'All accounts' });
    await expect(table.getByRole('rowheader')).toHaveText(['ada (you)', 'sam', 'supervisor']);
    await expect(page.getByTestId('supervisor-supervisor').getByRole('cell').nth(3)).not.toHaveText('Not locked');
    await captureInBothThemes(page, 'supervisors');
  } finally {
    await running.stop();
  }
});

test('screenshot: User Settings, Signed-in workstations', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_REMEMBER_DEVICE_DAYS: '14' });
  try {
    const { previewUrl, serverUrl, demo } = running.fixture;
    const { backupCodes } = await signInWithTwoFactorOn(page, previewUrl, demo);
    // Two other workstations sign in with a backup code each and ask to be remembered.
    for (const [index, deviceLabel] of ['NIGHT-DESK', 'WARD-3-DESK'].entries()) {
      const { challengeToken } = await postToServer(serverUrl, '/auth/login', demo);
      const code = backupCodes[index];
      await postToServer(serverUrl, '/auth/login/2fa', { challengeToken, code, rememberDevice: true, deviceLabel });
    }

    await page.getByRole('tab', { name: 'Signed-in workstations' }).click();
    const workstations = page.getByRole('table', { name: 'Remembered workstations' });
    await expect(workstations.getByRole('cell', { name: 'WARD-3-DESK', exact: true })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Active sessions' }).getByRole('row')).toHaveCount(4);
    await captureInBothThemes(page, 'signed-in-workstations');
  } finally {
    await running.stop();
  }
});
