import { expect, test } from './fixtures';
import { finishSetup, openUserSettings, signInWithPassword, startSetup } from './support/console';
import { LAYOUTS, expectAccessible, pressButton, signOutWithKeyboard } from './support/layouts';

for (const layout of LAYOUTS) {
  test.describe(`code errors and focus, ${layout.name}`, () => {
    test.use({ viewport: layout.viewport });

    test('focus follows each screen, whole codes submit themselves, and each refusal says what happened — keyboard only', async ({
      page,
      preview,
    }) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: layout.theme });
      await page.goto(preview.previewUrl);

      await signInWithPassword(page, preview.demo);
      await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeFocused();
      await expectAccessible(page, 'console home');
      await openUserSettings(page);
      await expect(page.getByRole('heading', { level: 1, name: 'User Settings' })).toBeFocused();
      await expectAccessible(page, 'User Settings');
      const { app } = await startSetup(page, preview.demo);
      await expect(page.getByRole('heading', { name: '1. Scan the QR code' })).toBeFocused();
      await expectAccessible(page, 'the QR code step');
      await finishSetup(page, app);
      await signOutWithKeyboard(page);

      // Six digits sign in by themselves; focus lands on the console's heading.
      await signInWithPassword(page, preview.demo);
      const code = await app.nextCode();
      await expect(page.getByLabel('6-digit code')).toBeFocused();
      await page.keyboard.type(code);
      await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeFocused();
      await signOutWithKeyboard(page);

      // The same code again within its 30 s: refused as used, not as wrong; the field keeps focus, code selected.
      await signInWithPassword(page, preview.demo);
      const field = page.getByLabel('6-digit code');
      await expect(field).toBeFocused();
      await page.keyboard.type(code);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(
        'That code was just used. Wait for the next code in your authenticator app, then enter it.',
      );
      await expect(alert).not.toContainText('not correct');
      await expect(field).toBeFocused();
      await expect(field).toBeEnabled();
      expect(await field.evaluate((input: HTMLInputElement) => [input.selectionStart, input.selectionEnd])).toEqual([
        0, 6,
      ]);
      await expectAccessible(page, 'the code step, a code just used');

      await pressButton(page, 'Use a backup code');
      const backupField = page.getByLabel('Backup code');
      await expect(backupField).toBeFocused();
      await page.keyboard.type('AAAAA-AAAAA-AAAAA');
      await expect(alert).toContainText('That backup code is wrong or has already been used.');
      await expect(alert).not.toContainText('Check your authenticator app');
      await expect(backupField).toBeFocused();
      await expectAccessible(page, 'the code step, a wrong backup code');

      await pressButton(page, 'Use your authenticator app');
      await expect(field).toBeFocused();
      await page.keyboard.type(await app.nextCode());
      await expect(page.getByRole('heading', { level: 1, name: /Welcome/ })).toBeFocused();
      await openUserSettings(page);
      // The events list the reused code as used, not as wrong.
      const reused = page.getByRole('row', { name: /already (been )?used/i });
      await expect(reused).toHaveCount(1);
      await expect(reused).not.toContainText(/wrong/i);

      // The password prompt has no username field, and its error does not speak of one.
      await pressButton(page, 'Regenerate backup codes');
      const prompt = page.getByRole('dialog', { name: 'Regenerate backup codes' });
      await expect(prompt.getByLabel('Password')).toBeFocused();
      await page.keyboard.type('not the password');
      await page.keyboard.press('Enter');
      await expect(prompt.getByRole('alert')).toContainText('That password is not correct.');
      await expect(prompt.getByRole('alert')).not.toContainText('username');
      await expectAccessible(page, 'Regenerate backup codes, a wrong password');
      await page.keyboard.press('Escape');
      await expect(prompt).toBeHidden();
      await expect(page.getByRole('button', { name: 'Regenerate backup codes' })).toBeFocused();
    });
  });
}
