import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse, SetupResponse } from '../../../shared/api';
import { purgeExpiredRows } from '../../../server/domain/housekeeping';
import { issueResetToken } from '../../../server/domain/reset-tokens';
import { hitRateLimit } from '../../../server/domain/rate-limit';
import { authenticatorCode } from '../../support/reference-totp';
import { STORAGE_DIALECTS, callApi, enableTwoFactor, startTestServer, type TestServer } from '../harness';

const PASSWORD = 'correct horse battery staple';

describe.each(STORAGE_DIALECTS)('purgeExpiredRows (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
  });
  afterAll(async () => server.close());

  const count = async (
    table: 'sessions' | 'login_challenges' | 'enrollments' | 'backup_codes' | 'reset_tokens' | 'rate_limits',
  ) =>
    Number(
      (
        await server.app.securus.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps live rows and deletes the expired ones', async () => {
    const ctx = server.app.securus;
    const { id } = await server.createUser({ username: 'tidy', password: PASSWORD });
    await server.createUser({ username: 'setup', password: PASSWORD });
    await enableTwoFactor(server, { username: 'tidy', password: PASSWORD });
    await callApi<LoginResponse>(server, 'POST', '/auth/login', { username: 'tidy', password: PASSWORD });
    const login = await callApi<LoginResponse>(server, 'POST', '/auth/login', {
      username: 'setup',
      password: PASSWORD,
    });
    const token = login.body.status === 'authenticated' ? login.body.session.token : '';
    const setup = await callApi<SetupResponse>(server, 'POST', '/me/2fa/setup', {}, token);
    const { enrollmentId, secret } = setup.body;
    const code = authenticatorCode(secret, server.clock.now());
    expect((await callApi(server, 'POST', '/me/2fa/verify', { enrollmentId, code }, token)).status).toBe(200);
    await issueResetToken(ctx, id);
    await hitRateLimit(ctx, 'test:key', 10, 60_000);

    await purgeExpiredRows(ctx);
    const before = {
      sessions: await count('sessions'),
      challenges: await count('login_challenges'),
      enrollments: await count('enrollments'),
      codes: await count('backup_codes'),
      resets: await count('reset_tokens'),
      limits: await count('rate_limits'),
    };
    // Rate-limit rows: the login address and the test key.
    expect(before).toEqual({ sessions: 2, challenges: 1, enrollments: 1, codes: 20, resets: 1, limits: 2 });

    server.clock.advance(2 * 3_600_000);
    await purgeExpiredRows(ctx);
    expect({
      sessions: await count('sessions'),
      challenges: await count('login_challenges'),
      enrollments: await count('enrollments'),
      codes: await count('backup_codes'),
      resets: await count('reset_tokens'),
      limits: await count('rate_limits'),
    }).toEqual({ sessions: 0, challenges: 0, enrollments: 0, codes: 10, resets: 0, limits: 0 });
  });
});
