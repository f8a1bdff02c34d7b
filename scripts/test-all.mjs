#!/usr/bin/env node
// `npm run test:all`: from a fresh clone, installs everything the tests need and runs them all (`npm test`).
// Needs nothing but Node: run as root with apt it installs the Debian packages itself; otherwise it names the
// missing ones and the one command that installs them, and stops. `.ci/run` is this command and nothing else.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/**
 * What the tests meet for real: Chromium for the UI, a Secret Service for keytar, PostgreSQL, keytar's headers,
 * nginx in front of the server and openssl for its throwaway certificates.
 */
export const DEBIAN_PACKAGES = [
  'chromium',
  'libsecret-1-dev',
  'gnome-keyring',
  'dbus',
  'dbus-x11',
  'postgresql',
  'xvfb',
  'nginx',
  'openssl',
];

function succeeds(command, args, options = {}) {
  return spawnSync(command, args, { stdio: 'ignore', ...options }).status === 0;
}

function run(what, command, args, options = {}) {
  console.log(`\n▶ ${what}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${what} failed (exit ${result.status ?? result.signal}); nothing after it ran.`);
    process.exit(1);
  }
}

function installDebianPackages() {
  const missing = DEBIAN_PACKAGES.filter((name) => !succeeds('dpkg', ['-s', name]));
  if (missing.length === 0) {
    return;
  }
  const canInstall = process.getuid?.() === 0 && succeeds('sh', ['-c', 'command -v apt-get']);
  if (!canInstall) {
    console.error(
      [
        'The tests need these Debian packages, which are not installed here:',
        `  ${missing.join(' ')}`,
        'Install them with:',
        `  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
        'then run `npm run test:all` again.',
      ].join('\n'),
    );
    process.exit(1);
  }
  run('apt-get update', 'apt-get', ['update', '-qq']);
  run(`apt-get install ${missing.join(' ')}`, 'apt-get', ['install', '-y', '-qq', ...missing], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/**
 * `npm ci` in `dir` unless its node_modules already matches its lock file. keytar is optional, so an install made
 * before libsecret-1-dev was there lacks it: that install is redone too.
 */
function installNodeModules(dir, label, mustHave = []) {
  const lock = readFileSync(join(dir, 'package-lock.json'));
  const digest = createHash('sha256').update(lock).digest('hex');
  const stamp = join(dir, 'node_modules', '.securus-installed');
  const current =
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === digest &&
    mustHave.every((path) => existsSync(join(dir, 'node_modules', path)));
  if (current) {
    console.log(`\n▶ ${label}: node_modules matches package-lock.json`);
    return;
  }
  run(`npm ci (${label})`, 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir });
  writeFileSync(stamp, digest);
}

function startPostgres() {
  const started = spawnSync('bash', [join(root, 'scripts/ensure-postgres.sh')], { encoding: 'utf8' });
  if (started.status !== 0) {
    console.error(`PostgreSQL could not be started: ${started.stderr.trim()}`);
    process.exit(1);
  }
  return started.stdout.trim();
}

installDebianPackages();
installNodeModules(root, 'the console', ['keytar/build/Release/keytar.node']);
installNodeModules(join(root, 'tools/electronegativity'), 'the security scanner');
const databaseUrl = process.env.SECURUS_TEST_DATABASE_URL || startPostgres();

// Everything is installed, so nothing may quietly skip: the PostgreSQL, keychain and nginx runs are required.
const test = spawnSync('node', [join(root, 'scripts/test.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    SECURUS_TEST_DATABASE_URL: databaseUrl,
    SECURUS_REQUIRE_POSTGRES: '1',
    SECURUS_REQUIRE_KEYRING: '1',
    SECURUS_REQUIRE_NGINX: '1',
  },
});
process.exit(test.status ?? 1);
