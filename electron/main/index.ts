import { join } from 'node:path';
import { app, dialog } from 'electron';
import { prepareConsoleApp, startConsoleApp } from './console-app';

// out/main/index.js: the preload and renderer are built next to it, in out/preload and out/renderer.
if (prepareConsoleApp()) {
  startConsoleApp({ outDir: join(import.meta.dirname, '..') }).catch((error: unknown) => {
    dialog.showErrorBox('Securus Console could not start', error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
