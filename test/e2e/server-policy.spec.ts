import { expect, test } from './fixtures';
import { openUserSettings, signInWithPassword, signInWithTwoFactorOn, signOut, tabTo } from './support/console';
import { readResetCode } from './support/codes';
import { startConfiguredPreview } from './support/configured-preview';

/** The server's step-up window, shortened so the spec can wait it out. */
const STEP_UP_SECONDS = 20;

test('step-up: after the password window, Generate QR Code asks for the password first @slow', async ({ page }) => {
  test.setTimeout(150_000);
  const running = await startConfiguredPreview({ SECURUS_STEP_UP_SECONDS: String(STEP_UP_SECONDS) });
  try {
    const preview = running.fixture;
    await page.goto(preview.previewUrl);
    await signInWithPassword(page, preview.demo);
    await openUserSettings(page);
    await page.waitForTimeout((STEP_UP_SECONDS + 2) * 1000);
    await tabTo(page, page.getByRole('button', { name: 'Generate QR Code' }));
    await page.keyboard.press('Enter');
    const prompt = page.getByRole('dialog', { name: 'Confirm your password' });
    await expect(prompt).toBeVisible();
    await expect(prompt.getByLabel('Password')).toBeFocused();
    await page.keyboard.type('not the password');
    await page.keyboard.press('Enter');
    await expect(prompt.getByRole('alert')).toBeVisible();
    await prompt.getByLabel('Password').fill(preview.demo.password);
    await page.keyboard.press('Enter');
    await expect(prompt).toBeHidden();
    await expect(page.getByTestId('setup-qr')).toBeVisible();
  } finally {
    await running.stop();
  }
});

test('Forgot Password hides the 2FA removal when the server policy forbids it', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_RESET_2FA_POLICY: 'deny' });
  try {
    const preview = running.fixture;
    await page.goto(preview.previewUrl);
    await page.getByRole('button', { name: 'Forgot Password' }).click();
    await page.getByLabel('Username or email').fill(preview.demo.username);
    await page.getByRole('button', { name: 'Send code' }).click();
    await expect(page.getByLabel('Code from the email')).toBeVisible();
    await expect(page.getByLabel('New password', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Also remove Two-Factor Authentication')).toHaveCount(0);
  } finally {
    await running.stop();
  }
});

test('Forgot Password asks for a second factor before removing 2FA when the policy requires one', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_RESET_2FA_POLICY: 'require-second-factor' });
  try {
    const preview = running.fixture;
    const { backupCodes } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    await signOut(page);

    const requestedAt = Date.now();
    await page.getByRole('button', { name: 'Forgot Password' }).click();
    await page.getByLabel('Username or email').fill(preview.demo.username);
    await page.getByRole('button', { name: 'Send code' }).click();
    const newPassword = 'another new passphrase 7';
    await page.getByLabel('Code from the email').fill(await readResetCode(preview.outboxDir, requestedAt - 1000));
    await page.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.getByLabel('Repeat the new password').fill(newPassword);
    await page.getByLabel('Also remove Two-Factor Authentication').check();
    await page.getByLabel('Authenticator code or backup code').fill(backupCodes[0] as string);
    await page.getByRole('button', { name: 'Set new password' }).click();
    await expect(page.getByText(/Two-Factor Authentication has been removed/)).toBeVisible();
    await page.getByRole('button', { name: 'Back to sign in' }).click();
    await signInWithPassword(page, { username: preview.demo.username, password: newPassword });
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  } finally {
    await running.stop();
  }
});
