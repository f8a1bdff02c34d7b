import { expect, test } from './fixtures';
import {
  enterSecondFactor,
  openUserSettings,
  signInWithPassword,
  signInWithTwoFactorOn,
  signOut,
  tabTo,
} from './support/console';

test.describe('Sign-in with Two-Factor Authentication', () => {
  test('TOTP, backup code, and the same backup code refused a second time — keyboard only', async ({
    page,
    preview,
  }) => {
    const { app, backupCodes } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    await signOut(page);

    await signInWithPassword(page, preview.demo);
    await expect(page.getByRole('heading', { name: 'Two-Factor Authentication' })).toBeVisible();
    const field = page.getByLabel('6-digit code');
    await expect(field).toHaveAttribute('inputmode', 'numeric');
    await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
    await enterSecondFactor(page, await app.nextCode());
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    await signOut(page);

    const backupCode = backupCodes[0] as string;
    await signInWithPassword(page, preview.demo);
    await tabTo(page, page.getByRole('button', { name: 'Use a backup code' }));
    await page.keyboard.press('Enter');
    await enterSecondFactor(page, backupCode.toLowerCase());
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    await openUserSettings(page);
    await expect(page.getByTestId('backup-codes-left')).toHaveText('9');
    // One row for the sign-in, naming the backup code as its method.
    const latest = page.getByRole('table', { name: 'Recent security events' }).getByRole('row').nth(1);
    await expect(latest.getByRole('cell', { name: 'Backup code', exact: true })).toBeVisible();
    await expect(latest.getByRole('cell', { name: 'Signed in', exact: true })).toBeVisible();
    await signOut(page);

    await signInWithPassword(page, preview.demo);
    await tabTo(page, page.getByRole('button', { name: 'Use a backup code' }));
    await page.keyboard.press('Enter');
    await enterSecondFactor(page, backupCode);
    await expect(page.getByRole('alert')).toContainText('That backup code is wrong or has already been used.');
    await expect(page.getByRole('heading', { name: 'Two-Factor Authentication' })).toBeVisible();
  });

  test('a pasted "123 456"-style code is accepted, and submits itself', async ({ page, preview }) => {
    const { app } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    await signOut(page);
    await signInWithPassword(page, preview.demo);
    const code = await app.nextCode();
    const field = page.getByLabel('6-digit code');
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(preview.previewUrl).origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${code.slice(0, 3)} ${code.slice(3)}`);
    await expect(field).toBeFocused();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeFocused();
  });
});
