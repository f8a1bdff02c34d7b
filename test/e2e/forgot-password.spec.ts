import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page, Response } from '@playwright/test';
import { expect, test, type PreviewFixture } from './fixtures';
import {
  enterSecondFactor,
  openUserSettings,
  signInWithPassword,
  signInWithTwoFactorOn,
  signOut,
} from './support/console';
import { readResetCode } from './support/codes';
import { startConfiguredPreview } from './support/configured-preview';

/** From a signed-in supervisor with 2FA on: sign out, Forgot Password, the mailed code and a new password. */
async function fillResetForm(page: Page, preview: PreviewFixture, newPassword: string): Promise<void> {
  await signOut(page);
  const requestedAt = Date.now();
  await page.getByRole('button', { name: 'Forgot Password' }).click();
  await expect(page.getByRole('heading', { name: 'Forgot Password' })).toBeVisible();
  await page.getByLabel('Username or email').fill(preview.demo.username);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('status').first()).toContainText(/if .*account.* exists/i);
  await page.getByLabel('Code from the email').fill(await readResetCode(preview.outboxDir, requestedAt - 1000));
  await page.getByLabel('New password', { exact: true }).fill(newPassword);
  await page.getByLabel('Repeat the new password').fill(newPassword);
}

/** The subjects of every mail in the preview's outbox. */
async function mailSubjects(outboxDir: string): Promise<string[]> {
  const names = (await readdir(outboxDir)).filter((name) => name.endsWith('.eml'));
  const texts = await Promise.all(names.map((name) => readFile(join(outboxDir, name), 'utf8')));
  return texts.map((text) => /^Subject: (.*?)\r?$/m.exec(text)?.[1] ?? '');
}

async function removalAnswer(response: Response): Promise<boolean> {
  return response.url().includes('reset-password') && ((await response.json()) as { ok: boolean }).ok;
}

test('Forgot Password removing 2FA by default: says when it will happen, and sign-in still asks for the code', async ({
  page,
  preview,
}) => {
  const { app } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
  const newPassword = 'a brand new passphrase 42';
  await fillResetForm(page, preview, newPassword);
  await page.getByLabel('Also remove Two-Factor Authentication').check();
  await expect(page.getByText(/removed 24 hours after the reset/)).toBeVisible();
  await expect(page.getByText(/enter a code to remove Two-Factor Authentication at once/)).toBeVisible();
  const answered = page.waitForResponse(removalAnswer);
  await page.getByRole('button', { name: 'Set new password' }).click();

  const body = (await (await answered).json()) as { value: { twoFactorRemovalScheduledFor: string } };
  const due = body.value.twoFactorRemovalScheduledFor;
  expect(Math.abs(Date.parse(due) - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);
  const inLocale = await page.evaluate(
    (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    due,
  );
  await expect(page.getByText('Your password has been changed')).toBeVisible();
  await expect(page.getByTestId('removal-scheduled-for')).toHaveText(inLocale);
  await expect(page.getByText(/Signing in with a code before then cancels the removal/)).toBeVisible();
  await page.getByRole('button', { name: 'Back to sign in' }).click();

  await signInWithPassword(page, { username: preview.demo.username, password: newPassword });
  await enterSecondFactor(page, await app.nextCode());
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  await expect
    .poll(() => mailSubjects(preview.outboxDir))
    .toEqual(
      expect.arrayContaining([
        'Securus: Two-Factor Authentication will be removed',
        'Securus: Removal of Two-Factor Authentication cancelled',
      ]),
    );
});

test('policy allow: 2FA removed at once with the mailed code, then sign-in without a code', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_RESET_2FA_POLICY: 'allow' });
  try {
    const preview = running.fixture;
    await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    const newPassword = 'a brand new passphrase 42';
    await fillResetForm(page, preview, newPassword);
    await expect(page.getByText(/lost the phone with your authenticator app/)).toBeVisible();
    await page.getByLabel('Also remove Two-Factor Authentication').check();
    await expect(page.getByLabel('Authenticator code or backup code')).toHaveCount(0);
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
  } finally {
    await running.stop();
  }
});

test('an unknown account gets the same neutral answer', async ({ page, preview }) => {
  await page.goto(preview.previewUrl);
  await page.getByRole('button', { name: 'Forgot Password' }).click();
  await page.getByLabel('Username or email').fill('nobody-here');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByLabel('Code from the email')).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText(/if .*account.* exists/i);
});
