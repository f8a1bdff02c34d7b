import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openUserSettings, signInWithTwoFactorOn, tabTo } from './support/console';

const SCREENSHOTS = join(import.meta.dirname, '../../test-results/screenshots');
const VIEWPORTS = [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
];

/** A supervisor's sign-ins from another console, through the server's API: their rows are what the table shows. */
async function signInElsewhere(serverUrl: string, username: string, password: string, code?: string) {
  const post = async (path: string, body: unknown, token?: string) => {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const reply = await fetch(`${serverUrl}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
    return (await reply.json()) as { challengeToken?: string; session?: { token: string } };
  };
  const login = await post('/auth/login', { username, password });
  if (login.challengeToken && code !== undefined) {
    const answer = await post('/auth/login/2fa', { challengeToken: login.challengeToken, code });
    if (answer.session) {
      await post('/auth/logout', {}, answer.session.token);
    }
  }
}

async function expectReadableAndAccessible(page: Page, screen: string): Promise<void> {
  const table = page.getByRole('table', { name: 'Recent security events' });
  await table.scrollIntoViewIfNeeded();
  await expect(table.getByRole('columnheader', { name: 'Result' })).toBeInViewport();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${screen}: the page scrolls sideways`).toBeLessThanOrEqual(0);
  // A time on one line: its cell is no taller than the one-line event name beside it.
  const firstRow = table.getByRole('row').nth(1);
  const [what, when] = await Promise.all([0, 3].map((index) => firstRow.getByRole('cell').nth(index).boundingBox()));
  expect(when?.height, `${screen}: the time wraps`).toBeLessThanOrEqual((what?.height ?? 0) + 1);
  const { violations } = await new AxeBuilder({ page })
    .include('section[aria-labelledby="security-events-title"]')
    .analyze();
  const summary = violations.map((violation) => ({ rule: violation.id, nodes: violation.nodes.map((n) => n.target) }));
  expect(summary, `axe violations on the security events, ${screen}`).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, `security-events-${screen}.png`), fullPage: true });
}

for (const [theme, showMoreAt] of [
  ['light', VIEWPORTS[0]!],
  ['dark', VIEWPORTS[1]!],
] as const) {
  test(`security events: one row per sign-in, readable and accessible, Show more by keyboard (${theme})`, async ({
    page,
    preview,
  }) => {
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme: theme });
    const { app, backupCodes } = await signInWithTwoFactorOn(page, preview.previewUrl, preview.demo);
    const { username, password } = preview.demo;
    for (let i = 0; i < 4; i += 1) {
      await signInElsewhere(preview.serverUrl, username, 'not the password');
    }
    await signInElsewhere(preview.serverUrl, username, password, app.wrongCode());
    await signInElsewhere(preview.serverUrl, username, password, backupCodes[0]);
    await signInElsewhere(preview.serverUrl, username, password, await app.nextCode());

    await page.reload();
    await openUserSettings(page);
    const table = page.getByRole('table', { name: 'Recent security events' });
    const rows = table.getByRole('row');
    await expect(rows).toHaveCount(11);
    const cells = async (index: number) => (await rows.nth(index).getByRole('cell').allInnerTexts()).slice(0, 3);
    expect(await cells(1)).toEqual(['Signed out', '—', '—']);
    expect(await cells(2)).toEqual(['Sign-in', 'Authenticator app', 'Signed in']);
    expect(await cells(4)).toEqual(['Sign-in', 'Backup code', 'Signed in']);
    expect(await cells(5)).toEqual(['Sign-in', 'Authenticator app', 'Failed: wrong code']);
    expect(await cells(6)).toEqual(['Sign-in', 'Password', 'Failed: wrong password']);
    await expect(rows.nth(2).getByRole('cell').nth(3)).toHaveText(/\d:\d\d:\d\d/);

    for (const viewport of VIEWPORTS) {
      await page.setViewportSize(viewport);
      await expectReadableAndAccessible(page, `${viewport.width}x${viewport.height}-${theme}`);
    }

    await page.setViewportSize(showMoreAt);
    const showMore = page.getByRole('button', { name: 'Show more' });
    await tabTo(page, showMore, 80);
    await page.keyboard.press('Enter');
    await expect(rows).toHaveCount(12);
    await expect(rows.nth(11)).toBeFocused();
    expect(await cells(11)).toEqual(['Sign-in', 'Password', 'Signed in']);
    await expect(page.getByText('Showing all 11 events.')).toBeVisible();
    await expect(showMore).toHaveCount(0);
    await expectReadableAndAccessible(page, `after-show-more-${theme}`);
  });
}
