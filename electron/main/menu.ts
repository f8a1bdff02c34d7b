import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  productName: string;
  platform: NodeJS.Platform;
  showAbout(): void;
}

/**
 * A console's menu: copy and paste (codes, keys), zoom for readability, About. No reload, developer tools or
 * navigation: a supervisor has no use for them and they would undo the shell's hardening.
 */
export function applicationMenuTemplate({
  productName,
  platform,
  showAbout,
}: MenuActions): MenuItemConstructorOptions[] {
  const about: MenuItemConstructorOptions = { label: `About ${productName}`, click: () => showAbout() };
  const macAppMenu: MenuItemConstructorOptions[] =
    platform === 'darwin'
      ? [
          {
            label: productName,
            submenu: [
              about,
              { type: 'separator' },
              { role: 'hide' },
              { role: 'hideOthers' },
              { role: 'unhide' },
              { type: 'separator' },
              { role: 'quit' },
            ],
          },
        ]
      : [];
  return [
    ...macAppMenu,
    ...(platform === 'darwin'
      ? []
      : [{ label: '&File', submenu: [{ role: 'quit' }] } satisfies MenuItemConstructorOptions]),
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', submenu: [{ role: 'minimize' }, { role: 'close' }] },
    { label: '&Help', role: 'help', submenu: [about] },
  ];
}
