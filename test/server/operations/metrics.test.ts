import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../../server/config';
import { launchServer } from '../../../server/launch';
import { startMetricsListener, type MetricsListener } from '../../../server/metrics/listener';
import { getJson, httpRequest, postJson } from '../../support/http-json';
import { authenticatorCode } from '../../support/reference-totp';
import { startTestServer, type TestServer } from '../harness';
import { openLogCapture } from '../log-capture';
import { PASSWORD } from './accounts';
import { enableTwoFactorOverHttp } from './http-accounts';
import { parsePrometheusText, sampleValue, type Sample } from './prometheus-text';

let server: TestServer;
let metrics: MetricsListener;
let api: string;
const typedSecrets = new Set<string>([PASSWORD, 'wrong password', '127.0.0.1']);

async function scrape(): Promise<Sample[]> {
  const reply = await getJson<string>(metrics.url, '');
  expect(reply.status).toBe(200);
  expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(reply.text);
}

function signInsOf(samples: Sample[], step: string, outcome: string): number {
  return sampleValue(samples, 'securus_sign_ins_total', { step, outcome });
}

beforeAll(async () => {
  server = await startTestServer({
    config: {
      lockout: { threshold: 3, minutes: 15 },
      passwordHashing: { concurrency: 1, queueLimit: 0 },
    },
  });
  api = server.baseUrl;
  metrics = await startMetricsListener(server.app.securus.metrics!, { host: '127.0.0.1', port: 0 }, server.app.log);
});
afterAll(async () => {
  await metrics?.close();
  await server?.close();
});

describe('GET /metrics after a scripted sign-in journey', () => {
  it('counts each outcome exactly once, by route pattern, and no label names a person, a code or an address', async () => {
    const users = ['mira', 'noah', 'lee'];
    for (const username of users) {
      await server.createUser({ username, password: PASSWORD });
      typedSecrets.add(username);
    }
    const mira = await enableTwoFactorOverHttp(api, { username: 'mira', password: PASSWORD }, server.clock.now());
    const lee = await enableTwoFactorOverHttp(api, { username: 'lee', password: PASSWORD }, server.clock.now());
    mira.backupCodes.forEach((code) => typedSecrets.add(code).add(code.replace(/-/g, '')));
    server.clock.advance(30_000);
    const before = await scrape();

    const signIn = (username: string, password = PASSWORD) => postJson(api, '/auth/login', { username, password });
    const secondFactor = async (username: string, code: string) => {
      typedSecrets.add(code);
      const { body } = await signIn(username);
      return postJson(api, '/auth/login/2fa', {
        challengeToken: (body as { challengeToken: string }).challengeToken,
        code,
      });
    };
    const wrongCode = (secret: string) =>
      authenticatorCode(secret, server.clock.now()) === '000000' ? '111111' : '000000';
    expect((await signIn('noah')).status).toBe(200);
    expect((await signIn('noah', 'wrong password')).status).toBe(401);
    expect((await secondFactor('mira', wrongCode(mira.secret))).status).toBe(400);
    expect((await secondFactor('mira', authenticatorCode(mira.secret, server.clock.now()))).status).toBe(200);
    expect((await secondFactor('mira', mira.backupCodes[0]!)).status).toBe(200);
    const leeAnswers = [];
    for (let i = 0; i < 3; i += 1) {
      leeAnswers.push((await secondFactor('lee', wrongCode(lee.secret))).status);
    }
    expect(leeAnswers).toEqual([400, 400, 423]);
    expect((await getJson(api, '/me?username=mira&code=123456')).status).toBe(401);
    expect((await httpRequest(api, 'GET', '/users/mira/127.0.0.1')).status).toBe(404);
    // Seven more of mira's codes spent: two left, so her account is low on backup codes.
    const { db } = server.app.securus;
    const miraId = (await db.selectFrom('users').select('id').where('username', '=', 'mira').executeTakeFirstOrThrow())
      .id;
    const unused = await db
      .selectFrom('backup_codes')
      .select('id')
      .where('user_id', '=', miraId)
      .where('used_at', 'is', null)
      .limit(7)
      .execute();
    await db
      .updateTable('backup_codes')
      .set({ used_at: server.clock.now() })
      .where(
        'id',
        'in',
        unused.map((row) => row.id),
      )
      .execute();
    await expect(
      db
        .insertInto('users')
        .values({
          id: miraId,
          username: 'twin',
          email: 'x@y.z',
          display_name: 'x',
          password_hash: 'x',
          created_at: 0,
          locked_until: null,
        })
        .execute(),
    ).rejects.toThrow();
    await expect(sql`select * from no_such_table`.execute(db)).rejects.toThrow();
    // The hashing queue takes one hash and queues none: a burst is shed with server_busy.
    const burst = await Promise.all(Array.from({ length: 6 }, () => signIn('noah')));
    const shed = burst.filter((reply) => reply.status === 503).length;
    expect(shed).toBeGreaterThan(0);

    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels);
    const signIns = (step: string, outcome: string) =>
      signInsOf(after, step, outcome) - signInsOf(before, step, outcome);
    expect({
      authenticatedByPassword: signIns('password', 'authenticated'),
      wrongPassword: signIns('password', 'invalid_credentials'),
      challenged: signIns('password', '2fa_required'),
      busy: signIns('password', 'server_busy'),
      authenticatedBySecondFactor: signIns('second_factor', 'authenticated'),
      wrongCode: signIns('second_factor', 'invalid_code'),
      locked: signIns('second_factor', 'locked'),
    }).toEqual({
      authenticatedByPassword: 1 + burst.length - shed,
      wrongPassword: 1,
      challenged: 6,
      busy: shed,
      authenticatedBySecondFactor: 2,
      wrongCode: 3,
      locked: 1,
    });
    const checks = (method: string, outcome: string) =>
      delta('securus_second_factor_checks_total', { method, outcome });
    expect([checks('totp', 'accepted'), checks('backup_code', 'accepted'), checks('totp', 'wrong')]).toEqual([1, 1, 4]);
    expect(delta('securus_lockouts_total')).toBe(1);
    expect(delta('securus_backup_codes_used_total')).toBe(1);
    expect(sampleValue(after, 'securus_accounts_low_on_backup_codes')).toBe(1);
    expect(delta('securus_password_hash_shed_total')).toBe(shed);
    expect(sampleValue(after, 'securus_password_hash_queue_depth')).toBe(0);
    expect(delta('securus_database_errors_total', { kind: 'constraint' })).toBe(1);
    expect(delta('securus_database_errors_total', { kind: 'other' })).toBe(1);
    const latency = (route: string, statusCode: string) =>
      delta('securus_http_request_duration_seconds_count', {
        method: 'POST',
        route: `/api/v1${route}`,
        status_code: statusCode,
      });
    expect([
      latency('/auth/login/2fa', '200'),
      latency('/auth/login/2fa', '400'),
      latency('/auth/login/2fa', '423'),
    ]).toEqual([2, 3, 1]);
    expect(
      delta('securus_http_request_duration_seconds_count', { method: 'GET', route: '/api/v1/me', status_code: '401' }),
    ).toBe(1);
    expect(
      delta('securus_http_request_duration_seconds_count', { method: 'GET', route: '(unmatched)', status_code: '404' }),
    ).toBe(1);

    const labelValues = after.flatMap((sample) => Object.values(sample.labels));
    const leaks = labelValues.filter((value) => [...typedSecrets].some((secret) => value.includes(secret)));
    expect(leaks).toEqual([]);
    const routes = new Set(after.flatMap((sample) => (sample.labels.route ? [sample.labels.route] : [])));
    expect([...routes].every((route) => route === '(unmatched)' || /^\/[a-z0-9/-]+$/.test(route))).toBe(true);
  });

  it('answers only GET /metrics on its listener', async () => {
    expect((await httpRequest(metrics.url.replace(/\/metrics$/, ''), 'GET', '/other')).status).toBe(404);
    expect((await httpRequest(metrics.url, 'POST', '')).status).toBe(405);
  });
});

describe('SECURUS_METRICS_PORT', () => {
  const capture = openLogCapture();
  it('serves metrics on loopback by default when set, and not at all when unset', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'securus-metrics-'));
    try {
      const base = loadServerConfig({ SECURUS_DATA_DIR: dataDir, SECURUS_METRICS_PORT: '0' });
      expect(base.metrics).toEqual({ port: 0, host: '127.0.0.1' });
      const launched = await launchServer({ ...base, port: 0 }, { logSink: (line) => capture?.logLine(line) });
      try {
        expect(launched.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
        const text = (await getJson(launched.metricsUrl!, '')).text;
        expect(text).toContain('# TYPE securus_sign_ins_total counter');
        expect(text).toContain('securus_process_resident_memory_bytes');
        expect((await getJson(`${launched.url}/metrics`, '')).status).toBe(404);
      } finally {
        await launched.close();
      }
      const plain = await launchServer({ ...base, metrics: undefined, port: 0 }, { logSink: () => undefined });
      expect(plain.metricsUrl).toBeNull();
      await plain.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
