import { formatSetupKey } from '../../shared/codes';
import { expect, test } from './fixtures';
import { finishSetup, openUserSettings, signInWithPassword, startSetup, tabTo } from './support/console';
import { decodeQrOnScreen } from './support/qr';

test.describe('Two-Factor Authentication setup', () => {
  test('end to end by keyboard: the QR on screen is the exact URI the server issued', async ({ page, preview }) => {
    await page.goto(preview.previewUrl);
    await signInWithPassword(page, preview.demo);
    await openUserSettings(page);
    const { app, otpauthUri } = await startSetup(page, preview.demo);

    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Securus:/);
    expect(await decodeQrOnScreen(page.getByTestId('setup-qr'))).toBe(otpauthUri);
    await expect(page.getByTestId('setup-key')).toHaveText(formatSetupKey(app.secret));
    await expect(page.getByText(`Securus: ${preview.demo.username}`).first()).toBeVisible();

    const codes = await finishSetup(page, app);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await expect(page.getByTestId('notice')).toBeFocused();
    await expect(page.getByTestId('backup-codes-left')).toHaveText('10');
    await expect(page.getByRole('cell', { name: 'Two-Factor Authentication turned on' })).toBeVisible();
  });

  test('the QR code stays dark on white in the dark theme, and decodes', async ({ page, preview }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(preview.previewUrl);
    await signInWithPassword(page, preview.demo);
    await openUserSettings(page);
    const { otpauthUri } = await startSetup(page, preview.demo);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    expect(await decodeQrOnScreen(page.getByTestId('setup-qr'))).toBe(otpauthUri);
  });

  test('a wrong code is explained and the setup goes on with the right one', async ({ page, preview }) => {
    await page.goto(preview.previewUrl);
    await signInWithPassword(page, preview.demo);
    await openUserSettings(page);
    const { app } = await startSetup(page, preview.demo);
    await tabTo(page, page.getByLabel('6-digit code'));
    await page.keyboard.type(app.wrongCode());
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert')).toContainText('That code is not correct');
    await page.getByLabel('6-digit code').fill('');
    const codes = await finishSetup(page, app);
    expect(codes).toHaveLength(10);
  });

  test('Save hands the codes over as a file', async ({ page, preview }) => {
    await page.goto(preview.previewUrl);
    await signInWithPassword(page, preview.demo);
    await openUserSettings(page);
    const { app } = await startSetup(page, preview.demo);
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Verify' }).click();
    const dialog = page.getByRole('dialog', { name: 'Backup Codes', exact: true });
    const shown = await dialog.getByTestId('backup-codes').getByRole('listitem').allInnerTexts();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const saved = await (await download).createReadStream();
    let text = '';
    for await (const chunk of saved) {
      text += String(chunk);
    }
    for (const code of shown) {
      expect(text).toContain(code.trim());
    }
  });

  test('an expired setup is explained, and Generate QR Code starts a new one', async ({ page, preview }) => {
    // Only the browser's clock jumps ahead: the setup's 10 minutes pass on screen without waiting for them.
    await page.clock.install();
    await page.goto(preview.previewUrl);
    await signInWithPassword(page, preview.demo);
    await openUserSettings(page);
    const first = await startSetup(page, preview.demo);
    await page.clock.fastForward('10:05');
    await expect(page.getByText('This setup has expired')).toBeVisible();
    await expect(page.getByTestId('setup-qr')).toHaveCount(0);
    // Back to the workstation's real time, which the server shares here, before the next setup.
    await page.clock.setSystemTime(Date.now());
    const second = await startSetup(page, preview.demo);
    expect(second.otpauthUri).not.toBe(first.otpauthUri);
    expect(await decodeQrOnScreen(page.getByTestId('setup-qr'))).toBe(second.otpauthUri);
  });
});
