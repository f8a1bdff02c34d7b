// Issue 15: the keyboard-only journey. One supervisor goes through every flow without the mouse: Tab, Enter, Space,
// arrow keys and typing, with the focused control checked before each key that acts on it.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { AuthenticatorApp, readResetCode } from './support/codes';
import { startConfiguredPreview } from './support/configured-preview';
import { enterSecondFactor, openUserSettings, signInWithPassword, startSetup, tabTo } from './support/console';
import { signOutWithKeyboard } from './support/layouts';

const CHANGE = 'Change authenticator app';
/**
 * The server's step-up window, shortened so Change authenticator app asks for the password again. A little over
 * 20 s: after that password the new app's code must still reach Verify inside the window.
 */
const STEP_UP_SECONDS = 25;
const NEW_PASSWORD = 'a keyboard-only passphrase 15';
/** Pointer events the page saw; a keyboard-only journey must end with none. */
const POINTER_EVENTS = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'pointermove', 'wheel'] as const;

/** Tab until `target` has focus, check that it does, then press `key` on it. */
async function activate(page: Page, target: Locator, key = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await expect(target).toBeFocused();
  await page.keyboard.press(key);
}

/** The setup key as the page shows it (groups of four), as a supervisor would type it into an app. */
async function setupKeyOnScreen(scope: Page | Locator): Promise<string> {
  return (await scope.getByTestId('setup-key').innerText()).replace(/\s/g, '');
}

test.use({ viewport: { width: 1024, height: 700 } });

test('issue 15: sign-in, 2FA setup, TOTP and backup-code sign-in, change app, reset 2FA and Forgot Password — keyboard only', async ({
  page,
}) => {
  test.setTimeout(420_000);
  const running = await startConfiguredPreview({ SECURUS_STEP_UP_SECONDS: String(STEP_UP_SECONDS) });
  try {
    const preview = running.fixture;
    const account = preview.demo;
    await page.addInitScript((types: readonly string[]) => {
      const seen: string[] = [];
      Object.assign(window, { __pointerEvents: seen });
      for (const type of types) {
        window.addEventListener(type, () => seen.push(type), { capture: true });
      }
    }, POINTER_EVENTS);
    await page.goto(preview.previewUrl);
    const welcome = page.getByRole('heading', { level: 1, name: /Welcome/ });
    const notice = page.getByTestId('notice');

    // 1. Sign in with username and password: 2FA is still off.
    await signInWithPassword(page, account);
    await expect(welcome).toBeFocused();

    // 2. Set up 2FA: the user menu, User Settings, the Two-Factor Authentication tab, Generate QR Code.
    await openUserSettings(page);
    await expect(page.getByRole('heading', { level: 1, name: 'User Settings' })).toBeFocused();
    const twoFactorTab = page.getByRole('tab', { name: 'Two-Factor Authentication' });
    const appearanceTab = page.getByRole('tab', { name: 'Appearance' });
    await tabTo(page, twoFactorTab);
    await expect(twoFactorTab).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(appearanceTab).toBeFocused();
    await expect(appearanceTab).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(twoFactorTab).toBeFocused();
    await expect(twoFactorTab).toHaveAttribute('aria-selected', 'true');
    // startSetup: Tab to Generate QR Code, Enter, and the password if step-up asks for it.
    const setup = await startSetup(page, account);
    await expect(page.getByRole('heading', { name: '1. Scan the QR code' })).toBeFocused();
    const firstKey = await setupKeyOnScreen(page);
    expect(firstKey).toBe(setup.app.secret);
    const firstApp = new AuthenticatorApp(firstKey);
    const setupCode = page.getByLabel('6-digit code');
    await tabTo(page, setupCode);
    await expect(setupCode).toBeFocused();
    await page.keyboard.type(await firstApp.nextCode());
    await activate(page, page.getByRole('button', { name: 'Verify' }));

    const backupDialog = page.getByRole('dialog', { name: 'Backup Codes', exact: true });
    await expect(backupDialog).toBeVisible();
    const backupCodes = (await backupDialog.getByTestId('backup-codes').getByRole('listitem').allInnerTexts()).map(
      (code) => code.trim(),
    );
    expect(backupCodes).toHaveLength(10);
    const download = page.waitForEvent('download');
    await activate(page, backupDialog.getByRole('button', { name: 'Save' }));
    expect((await download).suggestedFilename()).toBe('securus-backup-codes.txt');
    await expect(backupDialog.locator('p.copy-status[role="status"]')).toContainText('Downloaded as');
    const confirm = backupDialog.getByRole('button', { name: 'Confirm' });
    await expect(confirm).toBeDisabled();
    const saved = backupDialog.getByLabel('I have saved these codes');
    await activate(page, saved, 'Space');
    await expect(saved).toBeChecked();
    await activate(page, confirm);
    await expect(backupDialog).toBeHidden();
    await expect(notice).toBeFocused();
    await expect(notice).toContainText('Two-Factor Authentication is on.');
    await expect(page.getByTestId('backup-codes-left')).toHaveText('10');

    // 3. Sign out.
    await signOutWithKeyboard(page);

    // 4. Password, then a TOTP code (a later step than the one setup spent: no code_already_used).
    await signInWithPassword(page, account);
    await expect(page.getByLabel('6-digit code')).toBeFocused();
    await enterSecondFactor(page, await firstApp.nextCode());
    await expect(welcome).toBeFocused();

    // 5. Sign out; password, then a backup code after switching to backup-code mode.
    await signOutWithKeyboard(page);
    await signInWithPassword(page, account);
    await activate(page, page.getByRole('button', { name: 'Use a backup code' }));
    await enterSecondFactor(page, backupCodes[0] as string);
    await expect(welcome).toBeFocused();
    const signedInAt = Date.now();
    await openUserSettings(page);
    await expect(page.getByTestId('backup-codes-left')).toHaveText('9');

    // 6. Change authenticator app, once the sign-in's step-up window has passed: the password is asked again.
    await page.waitForTimeout(Math.max(0, signedInAt + STEP_UP_SECONDS * 1000 + 2_000 - Date.now()));
    await activate(page, page.getByRole('button', { name: CHANGE }));
    const stepUp = page.getByRole('dialog', { name: CHANGE });
    await expect(stepUp.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(account.password);
    await activate(page, stepUp.getByRole('button', { name: 'Continue' }));
    await expect(stepUp).toBeHidden();
    const panel = page.getByRole('region', { name: CHANGE });
    await expect(panel.getByRole('heading', { name: CHANGE })).toBeFocused();
    await expect(panel.getByTestId('setup-qr')).toBeVisible();
    const newKey = await setupKeyOnScreen(panel);
    expect(newKey).not.toBe(firstKey);
    const newApp = new AuthenticatorApp(newKey);
    const changeCode = panel.getByLabel('6-digit code');
    await tabTo(page, changeCode);
    await expect(changeCode).toBeFocused();
    await page.keyboard.type(await newApp.nextCode());
    await activate(page, panel.getByRole('button', { name: 'Verify' }));
    await expect(notice).toBeFocused();
    await expect(notice).toContainText('Your authenticator app was changed');
    await expect(panel).toBeHidden();

    // The old app's code is refused at sign-in; the new app's next code signs in.
    await signOutWithKeyboard(page);
    await signInWithPassword(page, account);
    const signInCode = page.getByLabel('6-digit code');
    await expect(signInCode).toBeFocused();
    await page.keyboard.type(await new AuthenticatorApp(firstKey).nextCode());
    await expect(page.getByRole('alert')).toContainText('That code is not correct');
    await expect(signInCode).toBeFocused();
    await expect(signInCode).toBeEditable();
    // The refused code is selected: the next one typed replaces it and submits itself.
    await page.keyboard.type(await newApp.nextCode());
    await expect(welcome).toBeFocused();

    // 7. Reset 2FA: the warning, the password, and a warning-styled outcome.
    await openUserSettings(page);
    await activate(page, page.getByRole('button', { name: 'Reset 2FA' }));
    const reset = page.getByRole('dialog', { name: 'Reset 2FA' });
    await expect(reset.getByRole('status')).toContainText('Sign-in will need only your password.');
    await expect(reset.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(account.password);
    await activate(page, reset.getByRole('button', { name: 'Reset 2FA' }));
    await expect(reset).toBeHidden();
    await expect(notice).toBeFocused();
    await expect(notice).toContainText('Two-Factor Authentication is off.');
    await expect(notice).toHaveAttribute('data-tone', 'warning');
    await expect(page.getByRole('button', { name: 'Generate QR Code' })).toBeVisible();

    // 8. Sign out; Forgot Password from the sign-in page, the mailed code, a new password, and sign in with it.
    await signOutWithKeyboard(page);
    await activate(page, page.getByRole('button', { name: 'Forgot Password' }));
    await expect(page.getByRole('heading', { level: 1, name: 'Forgot Password' })).toBeVisible();
    await expect(page.getByLabel('Username or email')).toBeFocused();
    await page.keyboard.type(account.username);
    const requestedAt = Date.now();
    await activate(page, page.getByRole('button', { name: 'Send code' }));
    const resetCode = page.getByLabel('Code from the email');
    await expect(resetCode).toBeFocused();
    await expect(page.getByRole('status').first()).toContainText(/if .*account.* exists/i);
    await page.keyboard.type(await readResetCode(preview.outboxDir, requestedAt - 1000));
    const newPassword = page.getByLabel('New password', { exact: true });
    await tabTo(page, newPassword);
    await expect(newPassword).toBeFocused();
    await page.keyboard.type(NEW_PASSWORD);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Repeat the new password')).toBeFocused();
    await page.keyboard.type(NEW_PASSWORD);
    await activate(page, page.getByRole('button', { name: 'Set new password' }));
    await expect(page.getByText('Your password has been changed')).toBeVisible();
    await activate(page, page.getByRole('button', { name: 'Back to sign in' }));
    await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
    await signInWithPassword(page, { username: account.username, password: NEW_PASSWORD });
    await expect(welcome).toBeFocused();
  } finally {
    await running.stop();
  }
});

// The guard: the journey above ran with no pointer at all (a click, hover or check would have left an event).
test.afterEach(async ({ page }) => {
  expect(await page.evaluate(() => (window as { __pointerEvents?: string[] }).__pointerEvents)).toEqual([]);
});
