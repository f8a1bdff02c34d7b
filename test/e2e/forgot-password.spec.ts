import { expect, test } from './fixtures';
import { openUserSettings, signInWithPassword, signInWithTwoFactorOn, signOut } from './support/console';
import { readResetCode } from './support/codes';

test('Forgot Password with 2FA removal: code from the mail, new password, then sign-in without a code', async ({
  page,
  preview,
}) => {
  await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
  await signOut(page);

  const requestedAt = Date.now();
  await page.getByRole('button', { name: 'Forgot Password' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot Password' })).toBeVisible();
  await page.getByLabel('Username or email').fill(preview.demo.username);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('status').first()).toContainText(/if .*account.* exists/i);

  const resetCode = await readResetCode(preview.outboxDir, requestedAt - 1000);
  const newPassword = 'a brand new passphrase 42';
  await page.getByLabel('Code from the email').fill(resetCode);
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill(newPassword);
  const removal = page.getByLabel('Also remove Two-Factor Authentication');
  await expect(page.getByText(/lost the phone with your authenticator app/)).toBeVisible();
  await removal.check();
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByText('Your password has been changed')).toBeVisible();
  await expect(page.getByText(/Two-Factor Authentication has been removed/)).toBeVisible();
  await page.getByRole('button', { name: 'Back to sign in' }).click();

  await signInWithPassword(page, { username: preview.demo.username, password: preview.demo.password });
  await expect(page.getByRole('alert')).toContainText('incorrect');
  await page.getByLabel('Password').fill(newPassword);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  await openUserSettings(page);
  await expect(page.getByRole('button', { name: 'Generate QR Code' })).toBeVisible();
});

test('an unknown account gets the same neutral answer', async ({ page, preview }) => {
  await page.goto(preview.previewUrl);
  await page.getByRole('button', { name: 'Forgot Password' }).click();
  await page.getByLabel('Username or email').fill('nobody-here');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByLabel('Code from the email')).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText(/if .*account.* exists/i);
});
