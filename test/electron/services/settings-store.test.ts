import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../electron/main/services/settings-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'securus-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('settings store', () => {
  it('defaults to the system theme without a file, and keeps a chosen theme across instances', async () => {
    const file = join(dir, 'userData', 'settings.json');
    expect(await createSettingsStore(file).read()).toEqual({ theme: 'system' });
    expect(await createSettingsStore(file).update({ theme: 'dark' })).toEqual({ theme: 'dark' });
    expect(await createSettingsStore(file).read()).toEqual({ theme: 'dark' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ theme: 'dark' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('falls back to defaults for a damaged or hand-edited file', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, '{ theme: ');
    expect(await createSettingsStore(file).read()).toEqual({ theme: 'system' });
    await writeFile(file, '{"theme":"neon"}');
    expect(await createSettingsStore(file).read()).toEqual({ theme: 'system' });
  });
});

describe('settings store under quick successive changes', () => {
  it('applies concurrent updates one after another, the last one winning', async () => {
    const file = join(dir, 'settings.json');
    const store = createSettingsStore(file);
    const themes = ['dark', 'light', 'dark', 'system', 'light'] as const;
    const results = await Promise.all(themes.map((theme) => store.update({ theme })));
    expect(results.map((settings) => settings.theme)).toEqual([...themes]);
    expect(await store.read()).toEqual({ theme: 'light' });
  });
});
