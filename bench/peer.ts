import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { runLoad, type RunSummary } from './measure';
import { challengeSchedule, classifyPeerAnswer, preparePeerChallenges } from './peer-prepare';
import { probePeer, type PeerProbes } from './peer-probes';

export const PEER_DIR = fileURLToPath(new URL('./peer-better-auth/', import.meta.url));
/** better-auth's defaults: 5 wrong codes per challenge, then TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE; 10 lock the account. */
const WRONG_CODES_PER_CHALLENGE = 5;
const CHALLENGES_PER_USER = 2;
const PILOT_USERS = 40;
const FULL_CHECK = 'INVALID_CODE';

export interface PeerReport {
  version: string;
  rateLimitEnabled: boolean;
  nodeHttpFloor: RunSummary;
  bare: RunSummary;
  verify: RunSummary;
  /** verify-totp answers by better-auth error code: INVALID_CODE is a wrong code checked in full. */
  verifyAnswers: Record<string, number>;
  users: number;
  probes: PeerProbes;
}

/** `npm ci` in the peer's folder when its node_modules is missing or older than its lock file. */
export function ensurePeerInstalled(log: (line: string) => void): void {
  const installed = join(PEER_DIR, 'node_modules', '.package-lock.json');
  const lock = join(PEER_DIR, 'package-lock.json');
  const reason = !existsSync(installed)
    ? 'its node_modules is missing'
    : statSync(installed).mtimeMs < statSync(lock).mtimeMs
      ? 'its node_modules is older than its package-lock.json'
      : null;
  if (!reason) {
    return;
  }
  log(`peer better-auth: ${reason}: npm ci in bench/peer-better-auth (compiles better-sqlite3: a few minutes, once)`);
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: PEER_DIR,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`npm ci in ${PEER_DIR} failed (exit ${result.status})`);
  }
}

interface PeerProcess {
  url: string;
  pid: number;
  rateLimitEnabled: boolean;
  stop(): Promise<void>;
}

async function spawnPeer(dataDir: string, timeoutMs = 60_000): Promise<PeerProcess> {
  // better-auth turns its IP rate limiter on only when NODE_ENV=production: the peer never sees that value.
  const { NODE_ENV: _nodeEnv, ...env } = process.env;
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: PEER_DIR,
    env: { ...env, PEER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = await new Promise<{ url: string; rateLimitEnabled: boolean }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the better-auth peer did not start in time')), timeoutMs);
    child.once('exit', (code) => reject(new Error(`the better-auth peer exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('READY '.length)) as { url: string; rateLimitEnabled: boolean });
      }
    });
  });
  return {
    ...ready,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Drives verify-totp through a prepared schedule (wrapping around once it is spent) and tallies the answers. */
async function driveVerify(
  peer: PeerProcess,
  schedule: Array<{ cookie: string; body: string }>,
  load: { name: string; durationSeconds: number; connections: number; amount?: number },
): Promise<{ summary: RunSummary; answers: Record<string, number>; elapsedSeconds: number }> {
  let sent = 0;
  const answers: Record<string, number> = {};
  const started = performance.now();
  const summary = await runLoad({
    ...load,
    url: `${peer.url}/api/auth/two-factor/verify-totp`,
    method: 'POST',
    headers: { origin: peer.url },
    nextRequest: () => {
      const next = schedule[sent % schedule.length]!;
      sent += 1;
      return { body: next.body, headers: { cookie: next.cookie } };
    },
    onResponse: (status, _headers, _latencyMs, body) => {
      const kind = classifyPeerAnswer(status, body);
      answers[kind] = (answers[kind] ?? 0) + 1;
    },
    serverPid: peer.pid,
  });
  return { summary, answers, elapsedSeconds: (performance.now() - started) / 1000 };
}

/**
 * The better-auth peer, measured with the same load generator, connections and duration as the Securus routes:
 * its bare routes, then verify-totp answered with wrong codes over prepared challenges so every answer takes its
 * full path (challenge cookie, per-challenge counter, account lock, secret decryption, TOTP at steps -1/0/+1, the
 * failure counted). A short sizing run first tells how many users that needs.
 */
export async function measurePeer(options: {
  seconds: number;
  connections: number;
  log: (line: string) => void;
  line: (summary: RunSummary, bare: RunSummary | null) => string;
}): Promise<PeerReport> {
  const { seconds, connections, log } = options;
  ensurePeerInstalled(log);
  const version = (
    JSON.parse(readFileSync(join(PEER_DIR, 'node_modules/better-auth/package.json'), 'utf8')) as { version: string }
  ).version;
  const dataDir = mkdtempSync(join(tmpdir(), 'securus-bench-peer-'));
  const peer = await spawnPeer(dataDir);
  try {
    log(
      `peer better-auth ${version} at ${peer.url} (own process; SQLite via better-sqlite3 + Kysely, WAL with` +
        ` synchronous=NORMAL as ours; twoFactor() at its TOTP defaults)`,
    );
    log(
      `  its IP rate limiter is ${peer.rateLimitEnabled ? 'ON' : 'off'} for the run (better-auth enables it only` +
        ` when NODE_ENV=production, and the peer is started without NODE_ENV)`,
    );
    log(
      '  setup signs users up and in with a salted SHA-256 password hash instead of scrypt: only preparing the' +
        ' sign-ins gets faster; verify-totp never touches a password',
    );
    const started = Date.now();
    const probes = await probePeer(peer.url);
    // Unmeasured, so the measured bare run does not pay for the JIT's first seconds (ours runs after its setup).
    await runLoad({
      name: 'peer warm-up',
      url: `${peer.url}/api/auth/ok`,
      durationSeconds: 1,
      connections,
      amount: 500,
    });
    const nodeHttpFloor = await runLoad({
      name: 'peer node:http /health',
      url: `${peer.url}/health`,
      durationSeconds: seconds,
      connections,
      serverPid: peer.pid,
    });
    const bare = await runLoad({
      name: 'peer /api/auth/ok',
      url: `${peer.url}/api/auth/ok`,
      durationSeconds: seconds,
      connections,
      serverPid: peer.pid,
    });
    log(options.line(bare, null));
    log(options.line(nodeHttpFloor, bare));

    const pilotPool = await preparePeerChallenges(
      peer.url,
      'pilot',
      PILOT_USERS,
      CHALLENGES_PER_USER,
      WRONG_CODES_PER_CHALLENGE,
    );
    const pilotSchedule = challengeSchedule(pilotPool, WRONG_CODES_PER_CHALLENGE);
    const pilot = await driveVerify(peer, pilotSchedule, {
      name: 'peer sizing',
      durationSeconds: seconds,
      connections,
      amount: pilotSchedule.length,
    });
    const pilotRate = (pilot.answers[FULL_CHECK] ?? 0) / pilot.elapsedSeconds;
    // Each user gives CHALLENGES_PER_USER x WRONG_CODES_PER_CHALLENGE = 10 full checks, exactly the account's lock.
    const checksPerUser = CHALLENGES_PER_USER * WRONG_CODES_PER_CHALLENGE;
    const users = Number(
      process.env.BENCH_PEER_USERS ?? Math.max(100, Math.ceil((pilotRate * seconds * 1.6) / checksPerUser)),
    );
    const pool = await preparePeerChallenges(peer.url, 'verify', users, CHALLENGES_PER_USER, WRONG_CODES_PER_CHALLENGE);
    const schedule = challengeSchedule(pool, WRONG_CODES_PER_CHALLENGE);
    log(
      `  prepared ${users} users with 2FA on and ${CHALLENGES_PER_USER} pending challenges each, ${schedule.length}` +
        ` wrong codes that each take the full path (sized from a ${pilotSchedule.length}-request run at` +
        ` ${pilotRate.toFixed(0)} checks/s; ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );

    const verify = await driveVerify(peer, schedule, {
      name: 'peer verify-totp',
      durationSeconds: seconds,
      connections,
    });
    log(options.line(verify.summary, bare));
    return {
      version,
      rateLimitEnabled: peer.rateLimitEnabled,
      nodeHttpFloor,
      bare,
      verify: verify.summary,
      verifyAnswers: verify.answers,
      users,
      probes,
    };
  } finally {
    await peer.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
