import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { readResetCode } from './support/codes';
import { tabTo } from './support/console';

const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];
const THEMES = ['light', 'dark'] as const;
const NEW_PASSWORD = 'a brand new passphrase 42';

/** The message a field is described by, as a screen reader reads it with the field. */
async function describedError(field: Locator): Promise<string> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const ids = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  const page = field.page();
  for (const id of ids) {
    const described = page.locator(`[id="${id}"]`);
    if ((await described.getAttribute('class'))?.includes('field-error')) {
      return (await described.textContent()) ?? '';
    }
  }
  throw new Error('the field is invalid but describes no error');
}

/** The field with its label and its message, wholly on screen. */
async function expectFieldInView(page: Page, field: Locator): Promise<void> {
  const box = await field.locator('xpath=ancestor::div[contains(@class, "field")][1]').boundingBox();
  const viewport = page.viewportSize();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport!.height);
}

async function openForgotPassword(page: Page, previewUrl: string): Promise<void> {
  await page.goto(previewUrl);
  await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Forgot Password' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Forgot Password' })).toBeVisible();
}

for (const viewport of VIEWPORTS) {
  for (const theme of THEMES) {
    const screen = `${viewport.width}×${viewport.height}, ${theme}`;

    test(`Forgot Password: problems beside their fields, and Send a new code (${screen})`, async ({
      page,
      preview,
    }) => {
      test.setTimeout(90_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await openForgotPassword(page, preview.previewUrl);

      const login = page.getByLabel('Username or email');
      await expect(login).toBeFocused();
      await page.keyboard.press('Enter');
      expect(await describedError(login)).toContain('Enter your username');
      await expectNoAxeViolations(page, `forgot password, empty login (${screen})`);
      const firstRequest = Date.now();
      await page.keyboard.type(preview.demo.username);
      await page.keyboard.press('Enter');

      const token = page.getByLabel('Code from the email');
      await expect(token).toBeFocused();
      await expect(page.getByRole('status').first()).toContainText(/if .*account.* exists/i);
      const firstCode = await readResetCode(preview.outboxDir, firstRequest - 1000);

      // Every problem at once, each beside its field; the first takes focus and comes into view with its message.
      await page.keyboard.type('ABC');
      await tabTo(page, page.getByLabel('New password', { exact: true }));
      await page.keyboard.type('short');
      await page.keyboard.press('Tab');
      await page.keyboard.type('other');
      await tabTo(page, page.getByRole('button', { name: 'Set new password' }));
      await page.keyboard.press('Enter');
      expect(await describedError(token)).toContain('20 letters and digits');
      expect(await describedError(page.getByLabel('New password', { exact: true }))).toContain('at least 12');
      expect(await describedError(page.getByLabel('Repeat the new password'))).toContain('not the same');
      await expect(token).toBeFocused();
      await expectFieldInView(page, token);
      await expectNoAxeViolations(page, `forgot password, three problems (${screen})`);

      // Send a new code: for the same login, in the server's neutral words, and the code field starts afresh.
      const secondRequest = Date.now();
      await page.keyboard.press('Tab');
      await expect(page.getByRole('button', { name: 'Send a new code' })).toBeFocused();
      await page.keyboard.press('Enter');
      const sent = page.getByRole('status').filter({ hasText: 'A new code was requested at' });
      await expect(sent).toContainText(/If that account exists, .*Only the newest code works\./);
      await expect(token).toBeFocused();
      await expect(token).toHaveValue('');
      const newCode = await readResetCode(preview.outboxDir, secondRequest);
      expect(newCode).not.toBe(firstCode);

      // The earlier code no longer works: said beside the code field, which offers the way out.
      await page.keyboard.type(firstCode);
      await tabTo(page, page.getByLabel('New password', { exact: true }));
      await page.keyboard.press('Control+A');
      await page.keyboard.type(NEW_PASSWORD);
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type(NEW_PASSWORD);
      await tabTo(page, page.getByRole('button', { name: 'Set new password' }));
      await page.keyboard.press('Enter');
      await expect(token).toBeFocused();
      expect(await describedError(token)).toContain('Select Send a new code');
      await expectFieldInView(page, token);
      await expectNoAxeViolations(page, `forgot password, expired code (${screen})`);

      await page.keyboard.press('Control+A');
      await page.keyboard.type(newCode);
      await tabTo(page, page.getByRole('button', { name: 'Set new password' }));
      await page.keyboard.press('Enter');
      await expect(page.getByText('Your password has been changed')).toBeVisible();
    });
  }
}

test('Send a new code for an unknown account gets the same neutral answer', async ({ page, preview }) => {
  await openForgotPassword(page, preview.previewUrl);
  await page.keyboard.type('nobody-here');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Code from the email')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'A new code was requested at' })).toContainText(
    'If that account exists, a reset code is on its way to its email address. Only the newest code works.',
  );
});
