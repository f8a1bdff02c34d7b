import { expect, test } from './fixtures';
import { addAccountWithCli, auditedAdministratorActions, mailsTo } from './support/administration';
import { signInWithPassword, signInWithTwoFactorOn, signOut, tabTo } from './support/console';
import { startConfiguredPreview } from './support/configured-preview';
import { expectAccessible } from './support/layouts';

const REASON = 'Lost phone on the night shift';
// 20 seconds of step-up (SECURUS_STEP_UP_SECONDS): by the time the reset is sent, the administrator's sign-in is
// older than that, so the server asks for the password again and the spec goes through the prompt.
const STEP_UP_SECONDS = 20;

test('an administrator resets a supervisor’s 2FA from Supervisors: reason, password, mail, audit @slow', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const running = await startConfiguredPreview({ SECURUS_STEP_UP_SECONDS: String(STEP_UP_SECONDS) });
  try {
    const { previewUrl, demo, dataDir, outboxDir } = running.fixture;
    const [ada] = await Promise.all([
      addAccountWithCli(dataDir, { username: 'ada', displayName: 'Ada Admin', role: 'admin' }),
      addAccountWithCli(dataDir, { username: 'sam', displayName: 'Sam Carter', role: 'supervisor' }),
    ]);

    // The supervisor turns 2FA on; their menu has no Supervisors.
    await signInWithTwoFactorOn(page, previewUrl, demo);
    await page
      .getByRole('banner')
      .getByRole('button', { name: /Demo Supervisor/ })
      .click();
    await expect(page.getByRole('menuitem')).toHaveText(['User Settings', 'Sign out']);
    await page.keyboard.press('Escape');
    await signOut(page);

    await signInWithPassword(page, ada);
    const signedInAt = Date.now();
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await tabTo(page, page.getByRole('banner').getByRole('button', { name: /Ada Admin/ }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('menuitem')).toHaveText(['User Settings', 'Supervisors', 'Sign out']);
    await page.keyboard.press('ArrowDown');
    await expect(page.getByRole('menuitem', { name: 'Supervisors' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1, name: 'Supervisors' })).toBeFocused();
    const table = page.getByRole('table', { name: 'All accounts' });
    await expect(table.getByRole('rowheader')).toHaveText(['ada (you)', 'sam', 'supervisor']);
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expectAccessible(page, `Supervisors, ${theme}`);
    }
    // The narrowest window supervisors reported: the seven columns still fit without a sideways scroll.
    await page.setViewportSize({ width: 1024, height: 700 });
    await expectAccessible(page, 'Supervisors at 1024×700, dark');

    await tabTo(page, page.getByRole('searchbox', { name: 'Search' }));
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');
    const found = page.getByRole('table', { name: 'Accounts matching “demo”' });
    await expect(found.getByRole('rowheader')).toHaveText(['supervisor']);
    const row = page.getByTestId('supervisor-supervisor');
    await expect(row.getByRole('cell').nth(1)).toHaveText(/^On since /);
    await expect(row.getByRole('cell').nth(2)).toHaveText('10');

    await page.waitForTimeout(Math.max(0, signedInAt + STEP_UP_SECONDS * 1000 + 2_000 - Date.now()));
    await tabTo(page, row.getByRole('button', { name: 'Reset 2FA for supervisor' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Reset 2FA' });
    await expect(dialog.getByLabel('Reason')).toBeFocused();
    await expectAccessible(page, 'Reset 2FA dialog, dark');
    await page.keyboard.type(REASON);
    await page.keyboard.press('Enter');
    await expect(dialog.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(ada.password);
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('notice')).toBeFocused();
    await expect(page.getByTestId('notice')).toContainText('Two-Factor Authentication was reset for supervisor.');
    await expect(row.getByRole('cell').nth(1)).toHaveText('Off');
    await expect(row.getByRole('button', { name: 'Reset 2FA for supervisor' })).toHaveCount(0);
    await page.emulateMedia({ colorScheme: 'light' });
    await expectAccessible(page, 'Supervisors after the reset, light');

    // The owner is told by mail, which names the administrator and the reason; so does the audit row.
    await expect
      .poll(async () => (await mailsTo(outboxDir, 'supervisor@example.test')).find((mail) => mail.includes(REASON)))
      .toMatch(/Administrator: ada/);
    expect(auditedAdministratorActions(dataDir, 'supervisor', 'two_factor_reset_by_admin')).toEqual([
      { administrator: 'ada', reason: REASON },
    ]);

    await page
      .getByRole('banner')
      .getByRole('button', { name: /Ada Admin/ })
      .click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await signInWithPassword(page, demo);
    await expect(page.getByRole('heading', { name: /^Welcome, / })).toBeVisible();
    await expect(page.getByLabel(/6-digit code/)).toHaveCount(0);
  } finally {
    await running.stop();
  }
});
