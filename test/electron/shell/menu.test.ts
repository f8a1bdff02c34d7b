import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from '../../../electron/main/menu';

type Item = MenuItemConstructorOptions;

function menu(platform: NodeJS.Platform) {
  const shown: string[] = [];
  const template = applicationMenuTemplate({
    productName: 'Securus Console',
    platform,
    showAbout: () => shown.push('about'),
  });
  const entries = (item: Item) => (item.submenu ?? []) as Item[];
  const roles = template.flatMap((item) => entries(item).map((entry) => entry.role)).filter(Boolean);
  return { template, entries, roles, shown };
}

describe.each(['win32', 'linux', 'darwin'] as const)('application menu on %s', (platform) => {
  it('offers copy and paste, zoom, and About under Help', () => {
    const { template, entries, roles, shown } = menu(platform);
    expect(roles).toEqual(
      expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'zoomIn', 'zoomOut', 'resetZoom', 'quit']),
    );
    const help = template.find((item) => item.role === 'help')!;
    const about = entries(help).find((entry) => entry.label === 'About Securus Console')!;
    (about.click as () => void)();
    expect(shown).toEqual(['about']);
  });

  it('has no reload, developer tools or navigation for a supervisor to stumble on', () => {
    const { roles } = menu(platform);
    for (const role of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(roles).not.toContain(role);
    }
  });
});

describe('macOS application menu', () => {
  it('starts with the product menu holding About, Hide and Quit', () => {
    const { template, entries } = menu('darwin');
    expect(template[0]?.label).toBe('Securus Console');
    const items = entries(template[0]!);
    expect(items[0]?.label).toBe('About Securus Console');
    expect(items.map((item) => item.role)).toEqual(expect.arrayContaining(['hide', 'quit']));
    expect(template.some((item) => item.label === '&File')).toBe(false);
  });
});
