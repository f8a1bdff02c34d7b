import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { SecurityEventsResponse } from '../../../shared/api';
import { getJson, postJson } from '../../support/http-json';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';
import {
  ATTACK_TEST_LIMITS,
  attemptsRemainingOf,
  beginTwoFactorLogin,
  createTwoFactorAccount,
  currentCode,
  expectApiError,
  submitSecondFactor,
  wrongCode,
} from './fixtures';

const STEP_MS = 30_000;
// Far from the machine's real time, so a code computed from the real clock is never accidentally valid.
const SERVER_TIME = Date.UTC(2031, 4, 17, 9, 0, 10);

describe.each(STORAGE_DIALECTS)('TOTP replay and window, %s storage', (dialect) => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: true, config: ATTACK_TEST_LIMITS });
  });

  afterAll(async () => {
    await server?.close();
  });

  it('accepts a code once and refuses the same code on a second login (RFC 6238 §5.2)', async () => {
    server.clock.set(SERVER_TIME);
    const account = await createTwoFactorAccount(server, 'replay');
    const code = currentCode(server, account);

    const first = await submitSecondFactor(server, await beginTwoFactorLogin(server, account), code);
    expect(first.status, first.text).toBe(200);
    // Refused all the same, but told apart from a wrong code: the owner signing in twice within one step.
    const replayed = await submitSecondFactor(server, await beginTwoFactorLogin(server, account), code);
    expectApiError(replayed, [400, 401], 'code_already_used');

    server.clock.advance(STEP_MS);
    const next = await submitSecondFactor(
      server,
      await beginTwoFactorLogin(server, account),
      currentCode(server, account),
    );
    expect(next.status, next.text).toBe(200);
  });

  it('audits a replay as its own event, not as a wrong code, and counts it towards the lock', async () => {
    server.clock.set(SERVER_TIME + 40 * STEP_MS);
    const account = await createTwoFactorAccount(server, 'replayaudit');
    const threshold = server.config.lockout.threshold;
    const code = currentCode(server, account);
    const first = await submitSecondFactor(server, await beginTwoFactorLogin(server, account), code);
    expect(first.status, first.text).toBe(200);

    const replayed = await submitSecondFactor(server, await beginTwoFactorLogin(server, account), code);
    expectApiError(replayed, 400, 'code_already_used');
    expect(attemptsRemainingOf(replayed)).toBe(threshold - 1);
    const wrong = await submitSecondFactor(
      server,
      await beginTwoFactorLogin(server, account),
      wrongCode(server, account),
    );
    expectApiError(wrong, 400, 'invalid_code');
    expect(attemptsRemainingOf(wrong)).toBe(threshold - 2);

    const events = await getJson<z.infer<typeof SecurityEventsResponse>>(server.baseUrl, '/me/security-events', {
      token: first.body.session.token,
    });
    expect(events.status, events.text).toBe(200);
    const types = events.body.events.map((event) => event.type);
    expect(types.filter((type) => type === 'second_factor_replayed')).toHaveLength(1);
    expect(types.filter((type) => type === 'second_factor_failed')).toHaveLength(1);
    expect(server.logLines.some((line) => /"securityEvent":"second_factor_replayed"/.test(line))).toBe(true);
  });

  it('accepts only a step strictly later than the last accepted one, even inside the window', async () => {
    server.clock.set(SERVER_TIME + 10 * STEP_MS);
    const account = await createTwoFactorAccount(server, 'later');
    const ahead = await submitSecondFactor(
      server,
      await beginTwoFactorLogin(server, account),
      currentCode(server, account, 1),
    );
    expect(ahead.status, ahead.text).toBe(200);
    // The current step is inside the ±1 window but earlier than the step just accepted: a step already passed,
    // refused as a used code (the next code is what works), not as a wrong one.
    const earlier = await submitSecondFactor(
      server,
      await beginTwoFactorLogin(server, account),
      currentCode(server, account, 0),
    );
    expectApiError(earlier, [400, 401], 'code_already_used');
  });

  it('accepts the current step ±1 by the server clock and refuses ±2', async () => {
    server.clock.set(SERVER_TIME + 20 * STEP_MS);
    const account = await createTwoFactorAccount(server, 'window');
    // Enrollment spent the previous step; one more step on, current-1 is a step no code was ever accepted for.
    server.clock.advance(STEP_MS);
    const attempt = async (offset: number) =>
      submitSecondFactor(server, await beginTwoFactorLogin(server, account), currentCode(server, account, offset));

    expectApiError(await attempt(-2), [400, 401], 'invalid_code');
    expectApiError(await attempt(2), [400, 401], 'invalid_code');
    expect((await attempt(-1)).status).toBe(200);
    expect((await attempt(1)).status).toBe(200);
  });

  it('never takes the time from the client: only the server clock decides', async () => {
    server.clock.set(SERVER_TIME + 30 * STEP_MS);
    const account = await createTwoFactorAccount(server, 'clienttime');
    const clientTime = server.clock.now() + 10 * STEP_MS;
    const futureCode = currentCode(server, account, 10);

    const withTimeField = await postJson(server.baseUrl, '/auth/login/2fa', {
      challengeToken: await beginTwoFactorLogin(server, account),
      code: futureCode,
      time: Math.floor(clientTime / 1000),
    });
    expectApiError(withTimeField, 400, 'validation_failed');

    const withTimeHeaders = await postJson(
      server.baseUrl,
      '/auth/login/2fa',
      { challengeToken: await beginTwoFactorLogin(server, account), code: futureCode },
      { headers: { date: new Date(clientTime).toUTCString(), 'x-client-time': String(clientTime) } },
    );
    expectApiError(withTimeHeaders, [400, 401], 'invalid_code');

    // The machine's real clock is years away from the server's test clock: its code must not work either.
    const realTimeCode = currentCode(server, account, Math.round((Date.now() - server.clock.now()) / STEP_MS));
    const fromRealClock = await submitSecondFactor(server, await beginTwoFactorLogin(server, account), realTimeCode);
    expectApiError(fromRealClock, [400, 401], 'invalid_code');

    const serverTimeCode = await submitSecondFactor(
      server,
      await beginTwoFactorLogin(server, account),
      currentCode(server, account),
    );
    expect(serverTimeCode.status, serverTimeCode.text).toBe(200);
  });
});
