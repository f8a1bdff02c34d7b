import type { Response } from '@playwright/test';
import { expect, test } from './fixtures';
import { AuthenticatorApp } from './support/codes';
import { acknowledgeBackupCodes, enterSecondFactor, signInWithPassword, signOut, tabTo } from './support/console';
import { startConfiguredPreview } from './support/configured-preview';
import { expectAccessible } from './support/layouts';

async function issuedSecret(response: Response): Promise<boolean> {
  return response.url().includes('begin-setup') && ((await response.json()) as { ok: boolean }).ok;
}

test('after the grace, sign-in lands on the setup, which completes into the whole console', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_REQUIRE_2FA: 'on', SECURUS_REQUIRE_2FA_GRACE_DAYS: '0' });
  try {
    const { previewUrl, demo } = running.fixture;
    await page.goto(previewUrl);
    const issued = page.waitForResponse(issuedSecret);
    await signInWithPassword(page, demo);

    const heading = page.getByRole('heading', { name: 'Set up Two-Factor Authentication to continue' });
    await expect(heading).toBeVisible();
    await expect(page.getByText('Your organisation requires Two-Factor Authentication')).toBeVisible();
    await expect(page.getByTestId('setup-qr')).toBeVisible();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectAccessible(page, `required setup, ${theme}`);
    }
    // Nothing else is on offer: the menu holds only Sign out.
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Supervisor|supervisor/ })
      .click();
    await expect(page.getByRole('menuitem')).toHaveText(['Sign out']);
    await page.keyboard.press('Escape');

    const body = (await (await issued).json()) as { value: { otpauthUri: string } };
    const app = new AuthenticatorApp(new URL(body.value.otpauthUri).searchParams.get('secret') ?? '');
    await tabTo(page, page.getByLabel('6-digit code'));
    await page.keyboard.type(await app.nextCode());
    await page.keyboard.press('Enter');
    await acknowledgeBackupCodes(page);

    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await expect(page.getByTestId('notice')).toBeFocused();
    await expect(page.getByText(/^On\. Each sign-in asks for a code/)).toBeVisible();
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Supervisor|supervisor/ })
      .click();
    await expect(page.getByRole('menuitem')).toHaveText(['User Settings', 'Sign out']);
    await page.getByRole('menuitem', { name: 'User Settings' }).click();
    // The security events load: the server treats the session as a whole one now.
    await expect(page.getByRole('cell', { name: 'Two-Factor Authentication turned on' })).toBeVisible();

    await signOut(page);
    await signInWithPassword(page, demo);
    await enterSecondFactor(page, await app.nextCode());
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
  } finally {
    await running.stop();
  }
});

test('during the grace, Home counts the days left and Set up now starts the setup', async ({ page }) => {
  const running = await startConfiguredPreview({ SECURUS_REQUIRE_2FA: 'on', SECURUS_REQUIRE_2FA_GRACE_DAYS: '7' });
  try {
    const { previewUrl, demo } = running.fixture;
    await page.goto(previewUrl);
    await signInWithPassword(page, demo);
    await expect(page.getByText('Your organisation requires Two-Factor Authentication')).toBeVisible();
    await expect(page.getByText(/^7 days left to set it up/)).toBeVisible();
    await expectAccessible(page, 'home with the grace banner');
    await tabTo(page, page.getByRole('button', { name: 'Set up now' }));
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('setup-qr')).toBeVisible();
  } finally {
    await running.stop();
  }
});
