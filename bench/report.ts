import type { RunSummary } from './measure';
import type { PeerReport } from './peer';

export function ratio(part: number, whole: number): string {
  return `${(part / whole).toFixed(2)}x`;
}

export function line(summary: RunSummary, bare: RunSummary | null): string {
  const statuses = Object.entries(summary.statuses)
    .map(([status, count]) => `${status}:${count}`)
    .join(' ');
  return [
    summary.name.padEnd(22),
    `${summary.requestsPerSecond.toFixed(0).padStart(7)} req/s`,
    `p50 ${summary.p50Ms.toFixed(1).padStart(6)} ms`,
    `p99 ${summary.p99Ms.toFixed(1).padStart(6)} ms`,
    `ratio ${(bare ? ratio(summary.requestsPerSecond, bare.requestsPerSecond) : '1.00x').padStart(6)}`,
    `[${statuses}${summary.errors ? ` errors:${summary.errors}` : ''}]`,
    summary.serverCpuUsPerRequest !== undefined
      ? `server CPU ${summary.serverCpuUsPerRequest.toFixed(0)} µs/req (kernel ${summary.serverSystemCpuUsPerRequest!.toFixed(0)})`
      : '',
    summary.databaseCpuUsPerRequest !== undefined
      ? `+ PostgreSQL ${summary.databaseCpuUsPerRequest.toFixed(0)} µs/req`
      : '',
  ].join('  ');
}

const ANSWER_WORDS: Record<string, string> = {
  INVALID_CODE: 'wrong-code checks in full',
  TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE: 'too-many-attempts short cuts',
  ACCOUNT_TEMPORARILY_LOCKED: 'account-locked short cuts',
  INVALID_TWO_FACTOR_COOKIE: 'spent-challenge refusals',
};

export function peerAnswerWords(answers: Record<string, number>): string {
  const known = Object.keys(ANSWER_WORDS).map((code) => `${answers[code] ?? 0} ${ANSWER_WORDS[code]}`);
  const other = Object.entries(answers)
    .filter(([code]) => !(code in ANSWER_WORDS))
    .map(([code, count]) => `${count} ${code}`);
  return [...known, ...other].join(', ');
}

/** The comparison itself: our verify beside the peer's, both as ratios to their own bare route and to each other. */
export function sideBySide(
  ours: { bare: RunSummary; verify: RunSummary },
  peer: PeerReport,
  load: { seconds: number; connections: number },
): string[] {
  const fmt = (summary: RunSummary) =>
    `${summary.requestsPerSecond.toFixed(0)} req/s (p50 ${summary.p50Ms.toFixed(1)} ms, p99 ${summary.p99Ms.toFixed(1)} ms)`;
  const oursCpu = ours.verify.serverCpuUsPerRequest;
  const peerCpu = peer.verify.serverCpuUsPerRequest;
  const lines = [
    `side by side (autocannon, ${load.connections} connections, ${load.seconds} s per run; verify = wrong codes on pending challenges):`,
    `ours             bare GET /api/v1/health ${fmt(ours.bare)}; 2FA verify ${fmt(ours.verify)},` +
      ` ${ratio(ours.verify.requestsPerSecond, ours.bare.requestsPerSecond)} its bare`,
    `peer better-auth bare GET /api/auth/ok ${fmt(peer.bare)}; verify-totp ${fmt(peer.verify)},` +
      ` ${ratio(peer.verify.requestsPerSecond, peer.bare.requestsPerSecond)} its bare;` +
      ` ours / peer verify ${ratio(ours.verify.requestsPerSecond, peer.verify.requestsPerSecond)}` +
      (oursCpu && peerCpu
        ? ` (by server CPU per answer, steadier on a busy machine: ${ratio(peerCpu, oursCpu)}, ${oursCpu.toFixed(0)} vs ${peerCpu.toFixed(0)} µs)`
        : ''),
    `  peer ${peer.version} verify answers: ${peerAnswerWords(peer.verifyAnswers)};` +
      ` its node:http /health without better-auth: ${peer.nodeHttpFloor.requestsPerSecond.toFixed(0)} req/s`,
  ];
  const shortCuts = peer.verify.total - (peer.verifyAnswers.INVALID_CODE ?? 0);
  if (shortCuts > peer.verify.total * 0.01) {
    lines.push(`  note: ${shortCuts} peer answers were not full checks; set BENCH_PEER_USERS above ${peer.users}`);
  }
  return lines;
}

/**
 * What each side guarantees for a wrong code, read from the sources: better-auth 1.7.25's
 * dist/plugins/two-factor/totp/index.mjs (verifyTOTP), dist/plugins/two-factor/verify-two-factor.mjs and
 * @better-auth/utils/dist/otp.mjs; ours from server/domain/{second-factor,lockout,replay,audit}.ts. The peer's two
 * claims that can be observed from outside are checked against the running peer (bench/peer-probes.ts).
 */
export function guarantees(peer: PeerReport, ourThreshold: number): string[] {
  const burst = peer.probes.burstAnswers;
  return [
    'what one wrong-code answer guarantees:',
    `  peer better-auth: per-challenge limit yes (5 wrong codes, then TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE; the counter` +
      ' is consumed and re-armed per attempt, so one challenge cannot be raced).',
    '    per-account limit yes, with overshoot: 10 consecutive failures lock it for 15 min (twoFactor.failedVerification' +
      'Count, an atomic increment), but the lock is read before the code is checked and the failure counted after, so' +
      ` codes in flight together on several challenges are all checked: ${burst.INVALID_CODE ?? 0} of` +
      ` ${peer.probes.burstSize} sent at once were checked in full (limit 10)` +
      (burst.ACCOUNT_TEMPORARILY_LOCKED ? `, ${burst.ACCOUNT_TEMPORARILY_LOCKED} refused as locked.` : '.'),
    `    replay check none: createOTP().verify compares steps -1/0/+1 and records nothing; the same right code on two` +
      ` sign-ins of one account: ${peer.probes.replayAccepted ? 'accepted both times' : 'NOT accepted twice (source changed?)'}.`,
    '    audit record of attempts none (only the counters). Durability: the counters are written before the 401 is' +
      ' sent (each statement commits on its own); nothing else is kept.',
    `  ours: per-account attempt counting that cannot overshoot: one conditional UPDATE reserves the attempt before the` +
      ` code is checked and refuses past the threshold (${ourThreshold} in this bench, 10 by default; the parallel` +
      ' burst test: test/server/attacks/lockout.test.ts).',
    '    replay check yes: the accepted step is check-and-set in one conditional UPDATE (last_accepted_step), so a code' +
      ' is accepted once even by two instances at once.',
    '    audit row per attempt yes (security_events: second_factor_failed / _replayed / _succeeded) plus a log line.',
    '    committed before the answer: the count and the audit row are both written before the reply; the server' +
      ' killed with SIGKILL right after a burst loses none (test/server/durability-after-kill.test.ts).',
  ];
}
