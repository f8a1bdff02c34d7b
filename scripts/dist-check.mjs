#!/usr/bin/env node
// `npm run dist:check`: builds, then packs an unpacked Linux console with electron-builder around a stand-in
// Electron (the real binaries cannot be downloaded here, TOOLCHAIN.md). The stand-in carries Electron's fuse
// sentinel with its factory settings, so packaging really flips the fuses and they can be read back.
// Output: dist/linux-unpacked (resources/app.asar is what test/build/asar-inventory.test.ts inspects).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
export const UNPACKED_DIR = join(root, 'dist/linux-unpacked');

/** Electron's fuse wire as shipped: version 1, eight fuses, RunAsNode/NODE_OPTIONS/inspect/file-privileges on. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FACTORY_FUSES = '10110001';

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) {
    console.error(`dist:check: ${command} ${args.join(' ')} failed (exit ${result.status}).`);
    process.exit(1);
  }
}

const skipBuild = process.argv.includes('--skip-build') && existsSync(join(root, 'out/main/index.js'));
if (!skipBuild) {
  run('npx', ['electron-vite', 'build']);
}

const electronDist = mkdtempSync(join(tmpdir(), 'securus-electron-dist-'));
const standIn = join(electronDist, 'electron');
writeFileSync(
  standIn,
  Buffer.concat([
    Buffer.from(
      '#!/bin/sh\necho "Electron stand-in for dist:check: it packs the app, it cannot run it." >&2\nexit 1\n',
    ),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, FACTORY_FUSES.length]),
    Buffer.from(FACTORY_FUSES),
    Buffer.from('\n'),
  ]),
);
chmodSync(standIn, 0o755);
mkdirSync(join(electronDist, 'resources'), { recursive: true });
rmSync(UNPACKED_DIR, { recursive: true, force: true });
try {
  run('npx', [
    'electron-builder',
    '--linux',
    'dir',
    '--publish',
    'never',
    `-c.electronDist=${electronDist}`,
    '-c.npmRebuild=false',
  ]);
} finally {
  rmSync(electronDist, { recursive: true, force: true });
}
// keytar is optional for `npm ci` (a machine without libsecret-1-dev skips it) but never for an installer.
const keytarAddon = join(UNPACKED_DIR, 'resources/app.asar.unpacked/node_modules/keytar/build/Release/keytar.node');
if (!existsSync(keytarAddon)) {
  console.error(
    `dist:check: the packed console lacks keytar's native module (${keytarAddon.replace(root, '')}), so it would ` +
      'keep sign-ins in memory only. Install libsecret-1-dev, run `npm ci` again, then pack.',
  );
  process.exit(1);
}
console.log(
  `dist:check: packed ${join(UNPACKED_DIR, 'resources/app.asar').replace(root, '')} with keytar's native module`,
);
