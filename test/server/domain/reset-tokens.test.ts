import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESET_CODE_BITS, formatResetCode, normalizeResetCode } from '../../../shared/codes';
import { claimResetToken, findLiveResetToken, issueResetToken } from '../../../server/domain/reset-tokens';
import { STORAGE_DIALECTS, startTestServer, type TestServer } from '../harness';

describe('normalizeResetCode (shared/codes.ts)', () => {
  it.each([
    ['ABCDE-FGHJK-MNPQR-STUVW', 'ABCDEFGHJKMNPQRSTUVW'],
    ['abcde fghjk mnpqr stuvw', 'ABCDEFGHJKMNPQRSTUVW'],
    [' ABCDEFGHJKMNPQRSTUVW\n', 'ABCDEFGHJKMNPQRSTUVW'],
    ['abcde\u2013fghjk\u00a0mnpqr-stuvw', 'ABCDEFGHJKMNPQRSTUVW'],
  ])('reads %j as %j', (input, expected) => {
    expect(normalizeResetCode(input)).toBe(expected);
  });

  it.each([
    'ABCDE-FGHJK-MNPQR-STUV',
    'ABCDE-FGHJK-MNPQR-STUVWX',
    'ABCDE-FGHJK-MNPQR-STUV0',
    'ABCDE-FGHJK-MNPQR-STUVI',
    '',
  ])('refuses %j', (input) => {
    expect(normalizeResetCode(input)).toBeNull();
  });

  it('formats in groups of five, and the format reads back', () => {
    expect(formatResetCode('ABCDEFGHJKMNPQRSTUVW')).toBe('ABCDE-FGHJK-MNPQR-STUVW');
    expect(normalizeResetCode(formatResetCode('ABCDEFGHJKMNPQRSTUVW'))).toBe('ABCDEFGHJKMNPQRSTUVW');
  });
});

describe.each(STORAGE_DIALECTS)('reset codes (%s)', (dialect) => {
  let server: TestServer;
  let userId: string;
  beforeAll(async () => {
    server = await startTestServer({ dialect, listen: false });
    userId = (await server.createUser({ username: `reset-${dialect}`, password: 'correct horse battery staple' })).id;
  });
  afterAll(async () => server.close());

  it('carry at least 64 bits, are stored only hashed, and are read as people type them', async () => {
    const ctx = server.app.securus;
    expect(RESET_CODE_BITS).toBeGreaterThanOrEqual(64);
    const code = await issueResetToken(ctx, userId);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{20}$/);
    const rows = await ctx.db.selectFrom('reset_tokens').selectAll().where('user_id', '=', userId).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
    const typed = formatResetCode(code).toLowerCase().replace(/-/g, ' ');
    expect(await findLiveResetToken(ctx, typed)).toEqual({ tokenHash: rows[0]!.token_hash, userId });
    expect(await findLiveResetToken(ctx, `${code.slice(0, 19)}2`)).toBeNull();
  });

  it('replace earlier codes and expire after 30 minutes', async () => {
    const ctx = server.app.securus;
    const first = await issueResetToken(ctx, userId);
    const second = await issueResetToken(ctx, userId);
    expect(await findLiveResetToken(ctx, first)).toBeNull();
    expect(await findLiveResetToken(ctx, second)).not.toBeNull();
    server.clock.advance(29 * 60_000);
    expect(await findLiveResetToken(ctx, second)).not.toBeNull();
    server.clock.advance(60_000);
    expect(await findLiveResetToken(ctx, second)).toBeNull();
  });

  it('are spent by exactly one of 50 parallel claims', async () => {
    const ctx = server.app.securus;
    const code = await issueResetToken(ctx, userId);
    const live = await findLiveResetToken(ctx, code);
    const claims = await Promise.all(Array.from({ length: 50 }, () => claimResetToken(ctx, live!.tokenHash)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await findLiveResetToken(ctx, code)).toBeNull();
  });
});
