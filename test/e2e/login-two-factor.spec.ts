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
    await expect(page.getByRole('cell', { name: 'Backup code used' })).toBeVisible();
    await signOut(page);

    await signInWithPassword(page, preview.demo);
    await tabTo(page, page.getByRole('button', { name: 'Use a backup code' }));
    await page.keyboard.press('Enter');
    await enterSecondFactor(page, backupCode);
    await expect(page.getByRole('alert')).toContainText(/not correct|not valid|already/i);
    await expect(page.getByRole('heading', { name: 'Two-Factor Authentication' })).toBeVisible();
  });

  test('a pasted "123 456"-style code is accepted', async ({ page, preview }) => {
    const { app } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    await signOut(page);
    await signInWithPassword(page, preview.demo);
    const code = await app.nextCode();
    const field = page.getByLabel('6-digit code');
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(preview.previewUrl).origin });
    await page.evaluate((text) => navigator.clipboard.writeText(text), `${code.slice(0, 3)} ${code.slice(3)}`);
    await field.focus();
    await page.keyboard.press('ControlOrMeta+V');
    await expect(field).toHaveValue(code);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  });

  test('ten wrong codes lock the account, with the time remaining', async ({ page, preview }) => {
    const { app } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    await signOut(page);
    await signInWithPassword(page, preview.demo);
    const field = page.getByLabel('6-digit code');
    const wrong = app.wrongCode();
    let locked = false;
    for (let attempt = 0; attempt < 12 && !locked; attempt += 1) {
      await field.fill(wrong);
      await page.keyboard.press('Enter');
      const alert = page.getByRole('alert');
      await expect(alert).toBeVisible();
      await expect(page.getByRole('button', { name: 'Verify' })).toBeEnabled();
      locked = /locked/i.test(await alert.innerText());
    }
    expect(locked).toBe(true);
    await expect(page.getByRole('alert')).toContainText(/You can try again in \d+ min/);
    // The right code does not open a locked account.
    await field.fill(await app.nextCode());
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText(/locked/i);
  });
});
