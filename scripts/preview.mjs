#!/usr/bin/env node
// `npm run preview`: the console's real renderer in a browser on http://127.0.0.1:${SECURUS_PREVIEW_PORT:-5174},
// answered by the main process's own handlers. Builds first when out/ is missing or older than the sources.
// Without SECURUS_SERVER_URL it starts the reference server (SQLite in ${SECURUS_DATA_DIR:-./.securus}).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';

export const root = new URL('..', import.meta.url).pathname;
const BUILD_INPUTS = [
  'renderer',
  'shared',
  'electron/main',
  'electron/preload',
  'electron.vite.config.ts',
  'package.json',
];
const BUILD_OUTPUT = join(root, 'out/renderer/index.html');

function newestModification(path) {
  if (!existsSync(path)) {
    return 0;
  }
  const info = statSync(path);
  if (!info.isDirectory()) {
    return info.mtimeMs;
  }
  return Math.max(0, ...readdirSync(path).map((name) => newestModification(join(path, name))));
}

/** Runs `electron-vite build` when the built renderer is missing or older than any of its sources. */
export function ensureBuilt() {
  const built = existsSync(BUILD_OUTPUT) ? statSync(BUILD_OUTPUT).mtimeMs : 0;
  const sources = Math.max(...BUILD_INPUTS.map((input) => newestModification(join(root, input))));
  if (built >= sources) {
    return;
  }
  console.log(built === 0 ? 'Building the console (out/ is missing)…' : 'Building the console (sources changed)…');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}

export function dataDir() {
  return resolve(root, process.env.SECURUS_DATA_DIR || '.securus');
}

export function printDemoAccount(demoAccount, serverUrl) {
  if (demoAccount) {
    console.log(`Demo supervisor created on the empty database:`);
    console.log(`  username: ${demoAccount.username}`);
    console.log(`  password: ${demoAccount.password}`);
  } else if (!process.env.SECURUS_SERVER_URL) {
    console.log(`Using the existing accounts in ${dataDir()} (the demo password was printed on the first run).`);
  }
  console.log(`Securus server: ${serverUrl}`);
}

/** Starts the preview and keeps it running until Ctrl+C. */
export async function runPreview() {
  const { startPreview } = await tsImport('../electron/preview/server.ts', import.meta.url);
  const port = Number(process.env.SECURUS_PREVIEW_PORT || 5174);
  const preview = await startPreview({
    port,
    host: '127.0.0.1',
    rendererDir: 'out/renderer',
    serverUrl: process.env.SECURUS_SERVER_URL || undefined,
    dataDir: dataDir(),
  });
  printDemoAccount(preview.demoAccount, preview.serverUrl);
  if (preview.outboxDir) {
    console.log(`Mail (password-reset codes, notices) is written to ${preview.outboxDir}`);
  }
  console.log(
    `\nSecurus Console preview is ready: ${preview.url}\n(open this exact URL: it carries this run's access token)`,
  );
  const stop = () => {
    preview.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureBuilt();
  runPreview().catch((error) => {
    console.error(`The preview could not start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
