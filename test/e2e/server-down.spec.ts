import { expect, test } from './fixtures';

test('a server that is down is explained on the login screen', async ({ page, serverDownPreview }) => {
  await page.goto(serverDownPreview.previewUrl);
  await expect(page.getByRole('heading', { name: 'Sign in to Securus Console' })).toBeVisible();
  await page.getByLabel('Username').fill('supervisor');
  await page.getByLabel('Password').fill('any password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('The Securus server cannot be reached');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('an offline workstation is told so', async ({ page, preview }) => {
  await page.goto(preview.previewUrl);
  await page.getByLabel('Username').fill(preview.demo.username);
  await page.getByLabel('Password').fill(preview.demo.password);
  await page.context().setOffline(true);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText('This workstation is offline');
  await page.context().setOffline(false);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
});
