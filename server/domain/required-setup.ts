import type { ServerContext } from '../context';
import type { UserRow } from './accounts';

const DAY_MS = 24 * 60 * 60_000;

/** What SECURUS_REQUIRE_2FA asks of an account that has no 2FA: set it up by `graceEndsAt`; after it, nothing else. */
export interface TwoFactorRequirement {
  graceEndsAt: number;
  setupOnly: boolean;
}

function requirementFrom(ctx: ServerContext, graceStartedAt: number): TwoFactorRequirement {
  const graceEndsAt = graceStartedAt + ctx.config.twoFactorPolicy.graceDays * DAY_MS;
  return { graceEndsAt, setupOnly: ctx.clock.now() >= graceEndsAt };
}

/**
 * At a password sign-in of an account without 2FA: null when the policy is off. The first sign-in under the policy
 * starts the account's grace period (a conditional write, so two racing sign-ins agree on one start).
 */
export async function requirementAtSignIn(ctx: ServerContext, user: UserRow): Promise<TwoFactorRequirement | null> {
  if (ctx.config.twoFactorPolicy.require === 'off') {
    return null;
  }
  if (user.two_factor_grace_started_at !== null) {
    return requirementFrom(ctx, user.two_factor_grace_started_at);
  }
  await ctx.db
    .updateTable('users')
    .set({ two_factor_grace_started_at: ctx.clock.now() })
    .where('id', '=', user.id)
    .where('two_factor_grace_started_at', 'is', null)
    .execute();
  const row = await ctx.db
    .selectFrom('users')
    .select('two_factor_grace_started_at')
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow();
  return requirementFrom(ctx, row.two_factor_grace_started_at ?? ctx.clock.now());
}

/** For an account already signed in (GET /me): no write; a grace not yet started counts from now. */
export function currentRequirement(
  ctx: ServerContext,
  user: UserRow,
  twoFactorOn: boolean,
): TwoFactorRequirement | null {
  if (ctx.config.twoFactorPolicy.require === 'off' || twoFactorOn) {
    return null;
  }
  return requirementFrom(ctx, user.two_factor_grace_started_at ?? ctx.clock.now());
}

/**
 * 2FA removed from an account (its owner's Reset 2FA, an administrator's reset) while the policy requires it: no
 * second grace period. The account's sessions, `keepTokenHash` included, may from now on only set it up again.
 * True when the policy required it.
 */
export async function requireSetupNow(ctx: ServerContext, userId: string): Promise<boolean> {
  if (ctx.config.twoFactorPolicy.require === 'off') {
    return false;
  }
  const graceOver = ctx.clock.now() - ctx.config.twoFactorPolicy.graceDays * DAY_MS - 1;
  await ctx.db.updateTable('users').set({ two_factor_grace_started_at: graceOver }).where('id', '=', userId).execute();
  await ctx.db.updateTable('sessions').set({ setup_only: 1 }).where('user_id', '=', userId).execute();
  return true;
}

export function requirementForApi(requirement: TwoFactorRequirement | null) {
  return (
    requirement && { graceEndsAt: new Date(requirement.graceEndsAt).toISOString(), setupOnly: requirement.setupOnly }
  );
}
