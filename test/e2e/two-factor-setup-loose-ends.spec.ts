import type { Locator, Page, Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { AuthenticatorApp } from './support/codes';
import { signInWithPassword, startSetup, tabTo, type Account } from './support/console';

const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];
const THEMES = ['light', 'dark'] as const;

async function issuedEnrollment(response: Response): Promise<boolean> {
  return response.url().includes('begin-setup') && ((await response.json()) as { ok: boolean }).ok;
}

/** Home's Set up Two-Factor Authentication, by keyboard; answers the password prompt if step-up asks for it. */
async function setUpFromHome(page: Page, account: Account): Promise<AuthenticatorApp> {
  const issued = page.waitForResponse(issuedEnrollment);
  await tabTo(page, page.getByRole('button', { name: 'Set up Two-Factor Authentication' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'User Settings' })).toBeVisible();
  const password = page.getByRole('dialog', { name: 'Confirm your password' }).getByLabel('Password');
  const qr = page.getByTestId('setup-qr');
  await expect(password.or(qr)).toBeVisible();
  if (await password.isVisible()) {
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
  }
  await expect(qr).toBeVisible();
  const body = (await (await issued).json()) as { value: { otpauthUri: string } };
  return new AuthenticatorApp(new URL(body.value.otpauthUri).searchParams.get('secret') ?? '');
}

/** The code from the app, then the Backup Codes popup (left open). */
async function verifyCode(page: Page, app: AuthenticatorApp): Promise<Locator> {
  await tabTo(page, page.getByLabel('6-digit code'));
  await page.keyboard.type(await app.nextCode());
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Backup Codes', exact: true });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The tops of the setup key's groups: one entry per row, with how many groups sit on it. */
async function setupKeyRows(page: Page): Promise<number[]> {
  return page.getByTestId('setup-key').evaluate((key) => {
    const rows = new Map<number, number>();
    for (const group of Array.from(key.children)) {
      const top = Math.round(group.getBoundingClientRect().top);
      rows.set(top, (rows.get(top) ?? 0) + 1);
    }
    return [...rows.entries()].sort(([a], [b]) => a - b).map(([, count]) => count);
  });
}

for (const viewport of VIEWPORTS) {
  for (const theme of THEMES) {
    const screen = `${viewport.width}×${viewport.height}, ${theme}`;

    test(`setup from Home, Cancel at each step, Save and Print, and a setup left unfinished (${screen})`, async ({
      page,
      preview,
    }) => {
      test.setTimeout(120_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(preview.previewUrl);
      await signInWithPassword(page, preview.demo);
      await expect(page.getByRole('heading', { name: /Welcome/ })).toBeFocused();

      // Home's action opens the tab with Generate QR Code already done.
      await setUpFromHome(page, preview.demo);
      await expect(page.getByRole('heading', { name: '1. Scan the QR code' })).toBeFocused();
      const expiry = page.getByTestId('setup-expiry');
      await expect(expiry).toHaveText(/^This setup expires in (9 min \d{1,2} s|10 min) \(at .+\)\.$/);
      const first = await expiry.textContent();
      await expect.poll(() => expiry.textContent(), { timeout: 5_000 }).not.toBe(first);
      expect(await setupKeyRows(page)).toEqual([4, 4]);
      await expectNoAxeViolations(page, `setup with the QR code (${screen})`);

      // Cancel while scanning: back to the start, nothing turned on.
      await tabTo(page, page.getByRole('region', { name: 'Scan and verify' }).getByRole('button', { name: 'Cancel' }));
      await page.keyboard.press('Enter');
      const notice = page.getByTestId('notice');
      await expect(notice).toBeFocused();
      await expect(notice).toContainText('Setup cancelled. Two-Factor Authentication is still off.');
      await expect(page.getByTestId('setup-qr')).toHaveCount(0);
      await expectNoAxeViolations(page, `setup cancelled (${screen})`);

      // Save and Print in the preview say what they did.
      const second = await startSetup(page, preview.demo);
      let dialog = await verifyCode(page, second.app);
      await expect(dialog.getByTestId('setup-expiry')).toHaveText(/^This setup expires in \d+ min/);
      const status = dialog.locator('p.copy-status[role="status"]');
      const download = page.waitForEvent('download');
      await tabTo(page, dialog.getByRole('button', { name: 'Save' }));
      await page.keyboard.press('Enter');
      expect((await download).suggestedFilename()).toBe('securus-backup-codes.txt');
      await expect(status).toHaveText(
        'Downloaded as securus-backup-codes.txt. Your browser keeps it in its downloads folder.',
      );
      await page.evaluate(() => {
        window.print = () => document.body.setAttribute('data-printed', 'yes');
      });
      await tabTo(page, dialog.getByRole('button', { name: 'Print' }));
      await page.keyboard.press('Enter');
      await expect(status).toContainText('Opened in your browser’s print dialog.');
      await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
      await expectNoAxeViolations(page, `Backup Codes with Save and Print answered (${screen})`);

      // A reload over the popup: the setup was verified, never confirmed.
      await page.reload();
      await expect(page.getByRole('heading', { name: /Welcome/ })).toBeFocused();
      const issuedAgain = page.waitForResponse(issuedEnrollment, { timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      await tabTo(page, page.getByRole('button', { name: 'Set up Two-Factor Authentication' }));
      await page.keyboard.press('Enter');
      const unfinished = page.getByTestId('unfinished-setup');
      await expect(unfinished).toBeFocused();
      await expect(unfinished).toContainText('Your last setup was not finished');
      await expect(unfinished).toContainText(`“Securus: ${preview.demo.username}” entry`);
      await expect(unfinished).toContainText('Delete it from the app before you select Generate QR Code');
      expect(await issuedAgain).toBe(false);
      await expect(page.getByTestId('setup-qr')).toHaveCount(0);
      await expectNoAxeViolations(page, `setup not finished (${screen})`);

      // Cancel over the Backup Codes popup: the codes and the app's entry will not work.
      const third = await startSetup(page, preview.demo);
      dialog = await verifyCode(page, third.app);
      await tabTo(page, dialog.getByRole('button', { name: 'Cancel' }));
      await page.keyboard.press('Enter');
      await expect(dialog).toBeHidden();
      await expect(notice).toBeFocused();
      await expect(notice).toContainText('the backup codes you were shown will not work');
      await expect(unfinished).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Generate QR Code' })).toBeVisible();
      await expectNoAxeViolations(page, `setup cancelled over the backup codes (${screen})`);
      await page.reload();
      await expect(page.getByText('Your account is protected by a password only')).toBeVisible();
    });
  }
}

test('the setup key keeps even rows of four at every width from 800 to 1920 px', async ({ page, preview }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(preview.previewUrl);
  await signInWithPassword(page, preview.demo);
  await setUpFromHome(page, preview.demo);
  await expect(page.getByTestId('setup-key')).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  for (let width = 800; width <= 1920; width += 40) {
    await page.setViewportSize({ width, height: 900 });
    expect(await setupKeyRows(page), `at ${width} px`).toEqual([4, 4]);
  }
});
