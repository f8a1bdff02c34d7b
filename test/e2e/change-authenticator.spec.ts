import type { Page, Response } from '@playwright/test';
import { formatSetupKey } from '../../shared/codes';
import { expect, test } from './fixtures';
import { expectNoAxeViolations } from './support/axe';
import { AuthenticatorApp } from './support/codes';
import { startConfiguredPreview } from './support/configured-preview';
import {
  enterSecondFactor,
  signInWithPassword,
  signInWithTwoFactorOn,
  signOut,
  startSetup,
  tabTo,
  type Account,
} from './support/console';
import { decodeQrOnScreen } from './support/qr';

const CHANGE = 'Change authenticator app';
const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];
const THEMES = ['light', 'dark'] as const;
/** The server's step-up window in the @slow spec, shortened so it can wait it out. */
const STEP_UP_SECONDS = 20;

async function issuedChange(response: Response): Promise<boolean> {
  if (!response.url().includes('begin-authenticator-change')) {
    return false;
  }
  return ((await response.json()) as { ok: boolean }).ok;
}

/** From the enabled view, keyboard only: Change authenticator app, the password if step-up asks, the new QR code. */
async function startChange(page: Page, account: Account) {
  const issued = page.waitForResponse(issuedChange);
  await tabTo(page, page.getByRole('button', { name: CHANGE }));
  await page.keyboard.press('Enter');
  const password = page.getByRole('dialog', { name: CHANGE }).getByLabel('Password');
  const panel = page.getByRole('region', { name: CHANGE });
  await expect(password.or(panel)).toBeVisible();
  if (await password.isVisible()) {
    await expect(password).toBeFocused();
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
  }
  await expect(panel.getByRole('heading', { name: CHANGE })).toBeFocused();
  // The URI exactly as the server issued it, read off the wire.
  const otpauthUri = ((await (await issued).json()) as { value: { otpauthUri: string } }).value.otpauthUri;
  return { panel, otpauthUri, app: new AuthenticatorApp(new URL(otpauthUri).searchParams.get('secret') ?? '') };
}

for (const viewport of VIEWPORTS) {
  for (const theme of THEMES) {
    const screen = `${viewport.width}×${viewport.height}, ${theme}`;
    test(`Change authenticator app (${screen}): the old app's codes stop working, the new app's work`, async ({
      page,
      preview,
    }) => {
      test.setTimeout(150_000);
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      const { app: oldApp } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);

      // Cancel at the QR code: back to the enabled view, with nothing changed.
      const abandoned = await startChange(page, preview.demo);
      await tabTo(page, abandoned.panel.getByRole('button', { name: 'Cancel' }));
      await page.keyboard.press('Enter');
      await expect(abandoned.panel).toBeHidden();
      await expect(page.getByRole('button', { name: CHANGE })).toBeFocused();

      const { panel, otpauthUri, app: newApp } = await startChange(page, preview.demo);
      expect(otpauthUri).not.toBe(abandoned.otpauthUri);
      const qr = panel.getByTestId('setup-qr');
      await expect(qr).toBeVisible();
      expect(await decodeQrOnScreen(qr)).toBe(otpauthUri);
      await expect(panel.getByTestId('setup-key')).toHaveText(formatSetupKey(newApp.secret));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectNoAxeViolations(page, `the new QR code (${screen})`);

      await tabTo(page, panel.getByLabel('6-digit code'));
      await page.keyboard.type(newApp.wrongCode());
      await page.keyboard.press('Enter');
      await expect(panel.getByRole('alert')).toBeVisible();
      await expectNoAxeViolations(page, `a wrong code from the new app (${screen})`);
      await panel.getByLabel('6-digit code').fill(await newApp.nextCode());
      await page.keyboard.press('Enter');
      const notice = page.getByTestId('notice');
      await expect(notice).toContainText('Your authenticator app was changed');
      await expect(notice).toBeFocused();
      await expect(panel).toBeHidden();
      await expect(page.getByTestId('backup-codes-left')).toHaveText('10');
      await expect(page.getByRole('cell', { name: 'Authenticator app changed' })).toBeVisible();
      await expectNoAxeViolations(page, `after the change (${screen})`);
      await signOut(page);

      await signInWithPassword(page, preview.demo);
      await enterSecondFactor(page, await oldApp.nextCode());
      await expect(page.getByRole('alert')).toBeVisible();
      await expect(page.getByRole('heading', { name: /Welcome/ })).toHaveCount(0);
      await page.getByLabel('6-digit code').fill(await newApp.nextCode());
      await page.keyboard.press('Enter');
      await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
    });
  }
}

test('the step-up prompt of Change authenticator app and the Reset 2FA warning pass axe in both themes @slow', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const running = await startConfiguredPreview({ SECURUS_STEP_UP_SECONDS: String(STEP_UP_SECONDS) });
  try {
    const preview = running.fixture;
    await page.setViewportSize(VIEWPORTS[0] as { width: number; height: number });
    await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    await page.waitForTimeout((STEP_UP_SECONDS + 2) * 1000);

    const changeButton = page.getByRole('button', { name: CHANGE });
    await tabTo(page, changeButton);
    await page.keyboard.press('Enter');
    const prompt = page.getByRole('dialog', { name: CHANGE });
    await expect(prompt.getByLabel('Password')).toBeFocused();
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await expectNoAxeViolations(page, `the password prompt of Change authenticator app (${theme})`);
    }
    await page.keyboard.press('Escape');
    await expect(prompt).toBeHidden();
    await expect(changeButton).toBeFocused();
    await expect(page.getByRole('region', { name: CHANGE })).toHaveCount(0);
    const { panel } = await startChange(page, preview.demo);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await expect(panel).toBeHidden();

    await page.getByRole('button', { name: 'Reset 2FA' }).click();
    const reset = page.getByRole('dialog', { name: 'Reset 2FA' });
    await expect(reset.getByRole('status')).toContainText('Sign-in will need only your password.');
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await expectNoAxeViolations(page, `the Reset 2FA warning (${theme})`);
    }
    await reset.getByLabel('Password').fill(preview.demo.password);
    await reset.getByRole('button', { name: 'Reset 2FA' }).click();
    const notice = page.getByTestId('notice');
    await expect(notice).toHaveClass(/alert-warning/);
    await expect(notice).not.toHaveClass(/alert-success/);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await expectNoAxeViolations(page, `after Reset 2FA (${theme})`);
    }
    await startSetup(page, preview.demo);
    await expect(notice).toHaveCount(0);
  } finally {
    await running.stop();
  }
});
