import { expect, test } from './fixtures';
import { signInWithPassword, signInWithTwoFactorOn } from './support/console';
import { startConfiguredPreview } from './support/configured-preview';
import { LAYOUTS, expectAccessible, pressButton, signOutWithKeyboard } from './support/layouts';

// Five, not the default ten: the tries left on screen must be the server's count, not a number the console knows.
const SERVER = { SECURUS_LOCKOUT_THRESHOLD: '5', SECURUS_LOCKOUT_MINUTES: '15' };
const POLICY = JSON.stringify({ helpContact: 'the IT service desk on extension 4357' });

for (const layout of LAYOUTS) {
  test.describe(`lockout at the code step, ${layout.name}`, () => {
    test.use({ viewport: layout.viewport });

    test('warns of the last tries, locks with a way out, shows the lock at once, and ends it by itself — keyboard only', async ({
      page,
    }) => {
      test.setTimeout(120_000);
      const running = await startConfiguredPreview(SERVER, { policyText: POLICY });
      try {
        const preview = running.fixture;
        await page.emulateMedia({ colorScheme: layout.theme });
        // The console's clock only: the server keeps real time, so the lock stays while the countdown is skipped.
        await page.clock.install();
        const { app } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
        await signOutWithKeyboard(page);
        await signInWithPassword(page, preview.demo);

        const field = page.getByLabel('6-digit code');
        const alert = page.getByRole('alert');
        const wrong = app.wrongCode();
        await expect(field).toBeFocused();
        await page.keyboard.type(wrong);
        await expect(alert).toContainText('That code is not correct.');
        await expect(alert).not.toContainText('left');
        await expect(field).toBeFocused();
        for (const triesLeft of ['3 tries left', '2 tries left', '1 try left']) {
          // The refused code is selected: typing the next one replaces it, and six digits submit themselves.
          await page.keyboard.type(wrong);
          await expect(alert).toContainText(`${triesLeft} before this account is locked.`);
          await expect(field).toBeFocused();
          await expect(field).toBeEditable();
        }
        await expectAccessible(page, 'the code step with tries left');

        await page.keyboard.type(wrong);
        await expect(alert).toContainText('This account is locked');
        await expect(alert).toContainText('nor backup codes are accepted');
        await expect(alert).toContainText('To sign in sooner, contact the IT service desk on extension 4357.');
        await expect(page.getByRole('timer')).toHaveText(/You can try again in 1[45] min( \d+ s)?\./);
        await expect(field).toBeFocused();
        await expect(field).not.toBeEditable();
        await expectAccessible(page, 'the code step, locked');

        await pressButton(page, 'Use a backup code');
        await expect(page.getByLabel('Backup code')).toBeFocused();
        await expect(alert).toContainText('This account is locked');
        await pressButton(page, 'Back to sign in');

        // A new sign-in shows the lock before any code is typed.
        await signInWithPassword(page, preview.demo);
        await expect(field).toBeFocused();
        await expect(alert).toContainText('This account is locked');
        await expect(page.getByRole('timer')).toHaveText(/You can try again in 1[45] min( \d+ s)?\./);
        await expect(field).not.toBeEditable();
        await expectAccessible(page, 'the code step, locked at once');

        await page.clock.fastForward('15:01');
        await expect(page.getByRole('status')).toContainText('The lock has ended. You can enter a code again.');
        await expect(alert).toBeHidden();
        await expect(field).toBeFocused();
        await expect(field).toBeEditable();
        await expectAccessible(page, 'the code step after the lock');
      } finally {
        await running.stop();
      }
    });
  });
}
