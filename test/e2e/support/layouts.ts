import { expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { tabTo } from './console';

/** The window sizes supervisors reported from, in both themes: every combination. */
export const LAYOUTS = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
].flatMap((viewport) =>
  (['light', 'dark'] as const).map((theme) => ({
    viewport,
    theme,
    name: `${viewport.width}×${viewport.height}, ${theme}`,
  })),
);

/** axe on what is on screen now (every rule it ships), and nothing wider than the window. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  await expectNoAxeViolations(page, screen);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `horizontal overflow on ${screen}`).toBeLessThanOrEqual(0);
}

/** Tab to a button by its name and press Enter, as a keyboard-only supervisor does. */
export async function pressButton(page: Page, name: string | RegExp): Promise<void> {
  await tabTo(page, page.getByRole('button', { name, exact: typeof name === 'string' }));
  await page.keyboard.press('Enter');
}

/** The name in the top-right corner → Sign out, by keyboard. */
export async function signOutWithKeyboard(page: Page): Promise<void> {
  await tabTo(page, page.getByRole('banner').getByRole('button', { name: /Supervisor|supervisor/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'User Settings' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
}
