import { expect, type Locator, type Page, type Response } from '@playwright/test';
import { AuthenticatorApp } from './codes';

export interface Account {
  username: string;
  password: string;
}

/** Presses Tab until `target` has focus: the way a keyboard-only supervisor reaches a control. */
export async function tabTo(page: Page, target: Locator, maxPresses = 40): Promise<void> {
  for (let press = 0; press < maxPresses; press += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      return;
    }
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

export async function signInWithPassword(page: Page, account: Account): Promise<void> {
  const username = page.getByLabel('Username');
  await expect(username).toBeFocused();
  await page.keyboard.type(account.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
}

/** Types a whole code at the sign-in's code step: it submits itself (an Enter after it could send it again). */
export async function enterSecondFactor(page: Page, code: string): Promise<void> {
  const field = page.getByLabel(/6-digit code|Backup code/);
  await expect(field).toBeFocused();
  await page.keyboard.type(code);
}

export async function openUserSettings(page: Page): Promise<void> {
  const menuButton = page.getByRole('banner').getByRole('button', { name: /Supervisor|supervisor/ });
  await tabTo(page, menuButton);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'User Settings' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'User Settings' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page
    .getByRole('banner')
    .getByRole('button', { name: /Supervisor|supervisor/ })
    .click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
}

export interface StartedSetup {
  app: AuthenticatorApp;
  /** The URI exactly as the server issued it (read off the wire, not off the screen). */
  otpauthUri: string;
}

async function issuedEnrollment(response: Response): Promise<boolean> {
  if (!response.url().includes('begin-setup')) {
    return false;
  }
  const body = (await response.json()) as { ok: boolean };
  return body.ok;
}

/** From User Settings, keyboard only: Generate QR Code, the password when step-up asks for it, the QR code. */
export async function startSetup(page: Page, account: Account): Promise<StartedSetup> {
  const issued = page.waitForResponse(issuedEnrollment);
  const generate = page.getByRole('button', { name: 'Generate QR Code' });
  await tabTo(page, generate);
  await page.keyboard.press('Enter');
  const password = page.getByRole('dialog', { name: 'Confirm your password' }).getByLabel('Password');
  const qr = page.getByTestId('setup-qr');
  await expect(password.or(qr)).toBeVisible();
  if (await password.isVisible()) {
    await expect(password).toBeFocused();
    await page.keyboard.type(account.password);
    await page.keyboard.press('Enter');
  }
  await expect(qr).toBeVisible();
  const body = (await (await issued).json()) as { value: { otpauthUri: string } };
  const otpauthUri = body.value.otpauthUri;
  return { app: new AuthenticatorApp(new URL(otpauthUri).searchParams.get('secret') ?? ''), otpauthUri };
}

/** The code, then the Backup Codes popup acknowledged and confirmed; returns the codes as shown. */
export async function finishSetup(page: Page, app: AuthenticatorApp): Promise<string[]> {
  await tabTo(page, page.getByLabel('6-digit code'));
  await page.keyboard.type(await app.nextCode());
  await page.keyboard.press('Enter');
  const backupCodes = await acknowledgeBackupCodes(page);
  await expect(page.getByTestId('notice')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset 2FA' })).toBeVisible();
  return backupCodes;
}

export async function acknowledgeBackupCodes(page: Page): Promise<string[]> {
  const dialog = page.getByRole('dialog', { name: 'Backup Codes', exact: true });
  await expect(dialog).toBeVisible();
  const backupCodes = await dialog.getByTestId('backup-codes').getByRole('listitem').allInnerTexts();
  const confirm = dialog.getByRole('button', { name: 'Confirm' });
  await expect(confirm).toBeDisabled();
  await tabTo(page, dialog.getByLabel('I have saved these codes'));
  await page.keyboard.press('Space');
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  return backupCodes.map((code) => code.trim());
}

export async function enableTwoFactor(page: Page, account: Account) {
  const { app, otpauthUri } = await startSetup(page, account);
  const backupCodes = await finishSetup(page, app);
  return { app, otpauthUri, backupCodes };
}

/** The starting point of most flows: the supervisor signed in, on User Settings, with 2FA just turned on. */
export async function signInWithTwoFactorOn(page: Page, previewUrl: string, account: Account) {
  await page.goto(previewUrl);
  await signInWithPassword(page, account);
  await openUserSettings(page);
  return enableTwoFactor(page, account);
}
