import { expect, test } from './fixtures';
import {
  acknowledgeBackupCodes,
  enterSecondFactor,
  signInWithPassword,
  signInWithTwoFactorOn,
  signOut,
  tabTo,
} from './support/console';

test.describe('Managing Two-Factor Authentication', () => {
  test('Regenerate backup codes: password, new codes in the same popup, old codes refused', async ({
    page,
    preview,
  }) => {
    const { backupCodes: oldCodes } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);

    await page.getByRole('button', { name: 'Regenerate backup codes' }).click();
    const prompt = page.getByRole('dialog', { name: 'Regenerate backup codes' });
    await prompt.getByLabel('Password').fill('not the password');
    await prompt.getByRole('button', { name: 'Regenerate backup codes' }).click();
    await expect(prompt.getByRole('alert')).toBeVisible();
    await prompt.getByLabel('Password').fill(preview.demo.password);
    await prompt.getByRole('button', { name: 'Regenerate backup codes' }).click();
    const newCodes = await acknowledgeBackupCodes(page);
    expect(newCodes).toHaveLength(10);
    expect(newCodes.filter((code) => oldCodes.includes(code))).toEqual([]);
    await expect(page.getByTestId('notice')).toContainText('The old ones no longer work');
    await expect(page.getByRole('cell', { name: 'Backup codes regenerated' })).toBeVisible();
    await signOut(page);

    await signInWithPassword(page, preview.demo);
    await tabTo(page, page.getByRole('button', { name: 'Use a backup code' }));
    await page.keyboard.press('Enter');
    await enterSecondFactor(page, oldCodes[0] as string);
    await expect(page.getByRole('alert')).toBeVisible();
    await page.getByLabel('Backup code').fill(newCodes[0] as string);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  });

  test('Reset 2FA: confirmed with the password, then the next sign-in needs no code', async ({ page, preview }) => {
    await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);

    await page.getByRole('button', { name: 'Reset 2FA' }).click();
    const prompt = page.getByRole('dialog', { name: 'Reset 2FA' });
    await prompt.getByRole('button', { name: 'Cancel' }).click();
    await expect(prompt).toBeHidden();
    await expect(page.getByRole('button', { name: 'Reset 2FA' })).toBeFocused();
    await page.keyboard.press('Enter');
    await prompt.getByLabel('Password').fill(preview.demo.password);
    await prompt.getByRole('button', { name: 'Reset 2FA' }).click();
    await expect(page.getByTestId('notice')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Generate QR Code' })).toBeVisible();
    await expect(page.getByRole('cell', { name: 'Two-Factor Authentication reset' })).toBeVisible();
    await signOut(page);

    await signInWithPassword(page, preview.demo);
    await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  });
});
