import { expect, test } from './fixtures';
import { expectNoAxeViolations as expectNoViolations } from './support/axe';
import { acknowledgeBackupCodes, openUserSettings, signInWithPassword, signOut, startSetup } from './support/console';
import { saveScreenshot } from './support/screenshots';

for (const theme of ['light', 'dark'] as const) {
  test(`every screen and dialog passes axe in the ${theme} theme`, async ({ page, preview }) => {
    test.setTimeout(120_000);
    const shot = (name: string) => saveScreenshot(page, name, theme);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(preview.previewUrl);

    await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
    await expectNoViolations(page, 'login');
    await shot('login');
    await page.getByLabel('Username').fill(preview.demo.username);
    await page.getByLabel('Password').fill('wrong password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'login with an error');

    await page.getByRole('button', { name: 'Forgot Password' }).click();
    await expect(page.getByRole('heading', { name: 'Forgot Password' })).toBeVisible();
    await expectNoViolations(page, 'forgot password, request');
    await page.getByLabel('Username or email').fill(preview.demo.username);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Also remove Two-Factor Authentication').check();
    await expectNoViolations(page, 'forgot password, reset');
    await shot('forgot-password');
    await page.getByRole('button', { name: 'Back to sign in' }).click();

    await page.getByLabel('Username').fill(preview.demo.username);
    await page.getByLabel('Password').fill(preview.demo.password);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    await expectNoViolations(page, 'console home');
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Supervisor/ })
      .click();
    await expect(page.getByRole('menu')).toBeVisible();
    await expectNoViolations(page, 'user menu');
    await shot('user-menu');
    await page.keyboard.press('Escape');

    await openUserSettings(page);
    await expectNoViolations(page, 'User Settings, 2FA off');
    const { app } = await startSetup(page, preview.demo);
    await expectNoViolations(page, 'setup with the QR code');
    await shot('two-factor-setup');
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    await expect(page.getByRole('dialog', { name: 'Backup Codes', exact: true })).toBeVisible();
    await expectNoViolations(page, 'Backup Codes dialog');
    await shot('backup-codes');
    await acknowledgeBackupCodes(page);
    await expect(page.getByTestId('notice')).toBeVisible();
    await expect(page.getByRole('cell').first()).toBeVisible();
    await expectNoViolations(page, '2FA on');
    await shot('two-factor-enabled');

    await page.getByRole('button', { name: 'Regenerate backup codes' }).click();
    await expectNoViolations(page, 'Regenerate backup codes dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Reset 2FA' }).click();
    await page.getByRole('dialog', { name: 'Reset 2FA' }).getByLabel('Password').fill('wrong password');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog').getByRole('alert')).toBeVisible();
    await expectNoViolations(page, 'Reset 2FA dialog with an error');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Appearance' }).click();
    await expectNoViolations(page, 'Appearance');
    await signOut(page);

    await signInWithPassword(page, preview.demo);
    await expect(page.getByLabel('6-digit code')).toBeVisible();
    await expectNoViolations(page, '2FA step');
    await shot('two-factor-step');
    await page.getByRole('button', { name: 'Use a backup code' }).click();
    await page.getByLabel('Backup code').fill('AAAAA-AAAAA-AAAAA');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toBeVisible();
    await expectNoViolations(page, '2FA step, backup code with an error');
  });
}

test('the theme chosen in User Settings wins over the system, and passes axe', async ({ page, preview }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(preview.previewUrl);
  await signInWithPassword(page, preview.demo);
  await openUserSettings(page);
  await page.getByRole('tab', { name: 'Appearance' }).click();
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe('rgb(17, 22, 29)');
  await expectNoViolations(page, 'Appearance in the dark theme by setting');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the setup screen fits an 800×600 window', async ({ page, preview }) => {
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto(preview.previewUrl);
  await signInWithPassword(page, preview.demo);
  await openUserSettings(page);
  await startSetup(page, preview.demo);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('banner').getByRole('button', { name: /Supervisor/ })).toBeInViewport();
});
