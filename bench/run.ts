// `npm run bench`: a benchmark, not a test. Launches the Securus server on loopback (temporary data directory,
// SQLite) in its own process and drives it with autocannon from this one:
//   1. bare route       GET  /api/v1/health: the floor (routing, JSON, logging).
//   2. 2FA route floor  POST /api/v1/auth/login/2fa with a body its schema refuses: parse, rate-limit write, 400.
//      2FA verify       POST /api/v1/auth/login/2fa: answers to prepared challenges (see verifyBody below).
//   3. password login   POST /api/v1/auth/login: argon2id (m=19 MiB, t=2, p=1) in the bounded hashing queue.
//   4. login overload   the same login with far more connections than the queue holds: the server should shed the
//      excess with fast 503 + Retry-After rather than let a queue (and latency) grow.
// Then the same verify runs on PostgreSQL (bench/postgres.ts: BENCH_DATABASE_URL, SECURUS_TEST_DATABASE_URL or the
// local test database of scripts/ensure-postgres.sh, in a schema of its own; skipped, saying why, when none answers).
// Then the peer (bench/peer.ts): a better-auth 1.7.25 server with its twoFactor plugin, in its own process from
// bench/peer-better-auth/ (installed there with `npm ci` on first use), measured with the same load generator,
// connections and duration: its bare route and its verify-totp endpoint answered with wrong codes. Then both side
// by side, what each guarantees per wrong code, and the console's UI load time.
// Each is printed with req/s, p50/p99 and its ratio to its own bare route (aim, issue 12: 2FA verify >= 0.25x, p99
// < 20 ms with 50 connections, <= 150 µs of server CPU per wrong code; the verify also runs at 50). The figures
// go to bench/results/latest.json; a previous one there is compared with.
//
// Environment:
//   BENCH_SECONDS          seconds per measured run (default 8; 2 makes a quick trial run)
//   BENCH_VERIFY_ACCOUNTS  our accounts with an open challenge for the verify run (default 1000: room
//                          for 99 wrong codes each, about 99,000 answers over both verify runs before a lock)
//   BENCH_PEER_USERS       peer users with two pending challenges each (default: sized by a short pilot run)
//   BENCH_PEER=off         skip the peer;  BENCH_UI=off  skip the UI load time;  BENCH_POSTGRES=off  skip PostgreSQL
//   BENCH_DATABASE_URL     the PostgreSQL to measure on (default: SECURUS_TEST_DATABASE_URL, then the local one)
//   BENCH_SERVER_NODE_ARGS Node flags for our server process (see spawn-server.ts)
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { CONNECTIONS, LOCKOUT_THRESHOLD, measureOurs, type VerifyFigures } from './ours';
import { measurePeer, type PeerReport } from './peer';
import { openBenchPostgres } from './postgres';
import { guarantees, line, sideBySide } from './report';
import { machineFacts, saveResults } from './results';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);

interface UiLoad {
  loginP50Ms: number;
  loginP95Ms: number;
  emptyP50Ms: number;
  emptyP95Ms: number;
}

async function measureUi(): Promise<UiLoad | null> {
  const uiLoadModule = new URL('./ui-load.ts', import.meta.url);
  if (process.env.BENCH_UI === 'off' || !existsSync(uiLoadModule)) {
    return null;
  }
  const { measureUiLoad } = (await import(uiLoadModule.href)) as { measureUiLoad: () => Promise<UiLoad> };
  const ui = await measureUiLoad();
  console.log(
    `UI load: login p50 ${ui.loginP50Ms.toFixed(0)} ms p95 ${ui.loginP95Ms.toFixed(0)} ms;` +
      ` empty page p50 ${ui.emptyP50Ms.toFixed(0)} ms p95 ${ui.emptyP95Ms.toFixed(0)} ms`,
  );
  return ui;
}

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const ours = await measureOurs({ seconds: SECONDS, logins: true });
const postgres = await openBenchPostgres();
let oursOnPostgres: VerifyFigures | null = null;
if ('skipped' in postgres) {
  console.log(`PostgreSQL: skipped (${postgres.skipped})`);
} else {
  oursOnPostgres = await measureOurs({ seconds: SECONDS, postgres, logins: false });
}
// Our server has stopped: the peer gets the machine to itself, as ours had.
const peer: PeerReport | null =
  process.env.BENCH_PEER === 'off'
    ? null
    : await measurePeer({ seconds: SECONDS, connections: CONNECTIONS, log: (text) => console.log(text), line });
if (peer) {
  sideBySide(ours, peer, { seconds: SECONDS, connections: CONNECTIONS }).forEach((text) => console.log(text));
  guarantees(peer, LOCKOUT_THRESHOLD).forEach((text) => console.log(text));
}
const ui = await measureUi();

const figures: Record<string, number> = {
  oursBareRps: ours.bare.requestsPerSecond,
  oursVerifyRps: ours.verify.requestsPerSecond,
  oursVerifyToBare: ours.verify.requestsPerSecond / ours.bare.requestsPerSecond,
  oursVerifyP99Ms: ours.verify.p99Ms,
  oursVerifyBurstP99Ms: ours.verifyBurst.p99Ms,
  ...(ours.verify.serverCpuUsPerRequest ? { oursVerifyCpuUs: ours.verify.serverCpuUsPerRequest } : {}),
  ...(ours.login ? { oursLoginRps: ours.login.requestsPerSecond } : {}),
  ...(oursOnPostgres
    ? {
        postgresVerifyRps: oursOnPostgres.verify.requestsPerSecond,
        postgresVerifyToBare: oursOnPostgres.verify.requestsPerSecond / oursOnPostgres.bare.requestsPerSecond,
        postgresVerifyBurstP99Ms: oursOnPostgres.verifyBurst.p99Ms,
        ...(oursOnPostgres.verify.serverCpuUsPerRequest
          ? { postgresVerifyCpuUs: oursOnPostgres.verify.serverCpuUsPerRequest }
          : {}),
      }
    : {}),
  ...(peer
    ? {
        peerBareRps: peer.bare.requestsPerSecond,
        peerVerifyRps: peer.verify.requestsPerSecond,
        peerVerifyToBare: peer.verify.requestsPerSecond / peer.bare.requestsPerSecond,
        peerVerifyP99Ms: peer.verify.p99Ms,
        ...(peer.verify.serverCpuUsPerRequest ? { peerVerifyCpuUs: peer.verify.serverCpuUsPerRequest } : {}),
        oursOverPeerVerify: ours.verify.requestsPerSecond / peer.verify.requestsPerSecond,
      }
    : {}),
  ...(ui ? { uiLoginP50Ms: ui.loginP50Ms } : {}),
};
const loadAtEnd = loadavg()[0]!;
saveResults({
  finishedAt: new Date().toISOString(),
  seconds: SECONDS,
  connections: CONNECTIONS,
  machine: machineFacts(Math.max(loadAtStart, loadAtEnd)),
  figures,
  details: { ours, oursOnPostgres, peer, ui },
}).forEach((text) => console.log(text));
console.log(
  `bench finished in ${((Date.now() - started) / 1000).toFixed(0)} s (load average ${loadAtStart.toFixed(1)} at start,` +
    ` ${loadAtEnd.toFixed(1)} at end, ${machineFacts(0).cpus} CPUs: absolute figures move with it, ratios less)`,
);
