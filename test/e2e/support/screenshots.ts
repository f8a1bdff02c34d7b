import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { PROJECT_ROOT } from '../../../electron/preview/server';

// The committed screenshots are refreshed on request only, so a test run leaves the working tree as it was.
export const SCREENSHOTS = process.env.SECURUS_UPDATE_SCREENSHOTS
  ? join(PROJECT_ROOT, 'docs/screenshots')
  : join(PROJECT_ROOT, 'test-results/screenshots');

export type Theme = 'light' | 'dark';

/** The window as it is now, saved as `<name>-<theme>.png` (docs/screenshots/README.md lists the committed ones). */
export async function saveScreenshot(page: Page, name: string, theme: Theme): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${theme}.png`) });
}
