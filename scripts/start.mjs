#!/usr/bin/env node
// `npm start`: builds, then launches the Electron console — with the reference server embedded (and a demo
// supervisor on first run) when SECURUS_SERVER_URL is unset. Where the Electron binary cannot be obtained, it
// says so in one sentence and runs the browser preview instead.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { dataDir, ensureBuilt, printDemoAccount, root, runPreview } from './preview.mjs';

/** The binary electron's own package would run, found without triggering its lazy download. */
function electronBinary() {
  const electronDir = join(root, 'node_modules/electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return null;
  }
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

async function startEmbeddedServerIfNeeded() {
  if (process.env.SECURUS_SERVER_URL) {
    return { url: process.env.SECURUS_SERVER_URL, close: async () => undefined };
  }
  const { startEmbeddedServer } = await tsImport('../electron/preview/embedded-server.ts', import.meta.url);
  const server = await startEmbeddedServer({ dataDir: dataDir() });
  printDemoAccount(server.demoAccount, server.url);
  return server;
}

async function main() {
  ensureBuilt();
  const binary = electronBinary();
  if (binary === null) {
    console.log(
      'The Electron binary is not installed on this machine and cannot be downloaded here, so Securus Console starts as the browser preview instead.',
    );
    await runPreview();
    return;
  }
  const server = await startEmbeddedServerIfNeeded();
  const child = spawn(binary, [root], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SECURUS_SERVER_URL: server.url },
  });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  child.once('exit', (code) => {
    server.close().then(
      () => process.exit(code ?? 0),
      () => process.exit(1),
    );
  });
}

main().catch((error) => {
  console.error(`Securus Console could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
