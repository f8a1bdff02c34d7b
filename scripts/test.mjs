#!/usr/bin/env node
// `npm test`: every check and every test, ending with one plain line `N passed, N failed, N skipped`.
// Static checks count as one test each. Vitest runs inside a private D-Bus session with a real, unlocked
// gnome-keyring so the keytar tests meet a real Secret Service; PostgreSQL is started when this machine has it.
// A part whose prerequisite is missing is not run and counts as failed, with the reason and the fix printed at the
// end; `npm run test:all` installs every prerequisite first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const notRun = [];

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

/** A part that cannot run here: counted as failed, never silently passed. */
function cannotRun(name, reason) {
  console.log(`\n▶ ${name}: not run, ${reason}`);
  totals.failed += 1;
  failures.push(`${name}: not run`);
  notRun.push(`${name}: ${reason}`);
}

function check(name, command, args, env) {
  console.log(`\n▶ ${name}`);
  if (run(command, args, env)) {
    totals.passed += 1;
  } else {
    totals.failed += 1;
    failures.push(name);
  }
}

function postgresUrl() {
  if (process.env.SECURUS_TEST_DATABASE_URL) {
    return process.env.SECURUS_TEST_DATABASE_URL;
  }
  const started = spawnSync('bash', [join(root, 'scripts/ensure-postgres.sh')], { encoding: 'utf8' });
  if (started.status === 0) {
    return started.stdout.trim();
  }
  console.log(`PostgreSQL is not available here (${started.stderr.trim()}); its test runs will be skipped.`);
  return undefined;
}

function keyringWrapped(command) {
  if (!existsSync(join(root, 'node_modules/keytar/build/Release/keytar.node'))) {
    console.log(
      'keytar is not installed (it is optional and `npm ci` skips it without libsecret-1-dev): the keychain tests will be skipped.',
    );
  }
  const haveKeyring =
    spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon']).status === 0;
  if (!haveKeyring) {
    console.log(
      'No D-Bus/gnome-keyring here: the keychain tests will be skipped (apt-get install gnome-keyring dbus).',
    );
    return { command: 'sh', args: ['-c', command], env: {} };
  }
  const dataHome = mkdtempSync(join(tmpdir(), 'securus-keyring-'));
  const script = `echo -n securus-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null; ${command}`;
  return {
    command: 'dbus-run-session',
    args: ['--', 'sh', '-c', script],
    env: { XDG_DATA_HOME: dataHome, SECURUS_TEST_KEYRING: 'gnome-keyring' },
  };
}

function countVitest(file) {
  if (!existsSync(file)) {
    return false;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults) {
    for (const test of suite.assertionResults) {
      if (test.status === 'failed') {
        failures.push(`${suite.name.replace(root, '')} › ${test.fullName}`);
      }
    }
  }
  return true;
}

function countPlaywright(file) {
  if (!existsSync(file)) {
    return false;
  }
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + stats.flaky;
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
  if (stats.unexpected > 0) {
    failures.push(`${stats.unexpected} Playwright test(s): see the list above`);
  }
  return true;
}

const databaseUrl = postgresUrl();
// Every server log line the tests cause lands here, with the secrets the tests' servers handled, for the log scan.
const testLogDir = join(reports, 'logs');
mkdirSync(testLogDir, { recursive: true });
const testEnv = {
  ...(databaseUrl ? { SECURUS_TEST_DATABASE_URL: databaseUrl } : {}),
  SECURUS_TEST_LOG_DIR: testLogDir,
  SECURUS_SERVER_LOG_FILE: join(testLogDir, 'embedded-server.log'),
};

check('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['eslint', '.', '--max-warnings=0']);
if (existsSync(join(root, 'tools/electronegativity/node_modules/@doyensec/electronegativity'))) {
  check('security scan (electronegativity)', 'node', ['scripts/security.mjs']);
} else {
  cannotRun(
    'security scan (electronegativity)',
    'the scanner lives in its own folder and is not installed: `(cd tools/electronegativity && npm ci)`',
  );
}
check('build', 'npx', ['electron-vite', 'build']);

console.log('\n▶ vitest');
const vitestReport = join(reports, 'vitest.json');
const vitest = keyringWrapped(`npx vitest run --reporter=default --reporter=json --outputFile.json=${vitestReport}`);
const vitestOk = run(vitest.command, vitest.args, { ...testEnv, ...vitest.env });
if (!countVitest(vitestReport) || (!vitestOk && failures.length === 0)) {
  totals.failed += 1;
  failures.push('vitest did not finish (see its output above)');
}

const chromium = process.env.SECURUS_CHROMIUM ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
  console.log('\n▶ playwright');
  const playwrightReport = join(reports, 'playwright.json');
  const playwrightOk = run('npx', ['playwright', 'test'], {
    ...testEnv,
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport,
  });
  if (!countPlaywright(playwrightReport) || (!playwrightOk && failures.length === 0)) {
    totals.failed += 1;
    failures.push('playwright did not finish (see its output above)');
  }
} else {
  cannotRun('playwright', `${chromium} is missing: \`apt-get install chromium\` (Debian's, never a downloaded build)`);
}

check('no secret in any server log line', 'node', ['scripts/scan-test-logs.mjs', testLogDir]);

if (notRun.length > 0) {
  console.log(
    `\nNot run on this machine (\`npm run test:all\` installs everything and runs it all):\n${notRun
      .map((line) => `  - ${line}`)
      .join('\n')}`,
  );
}
if (failures.length > 0) {
  console.log(`\nFailed:\n${failures.map((name) => `  ✗ ${name}`).join('\n')}`);
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed === 0 ? 0 : 1);
