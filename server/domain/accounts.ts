import type { Selectable } from 'kysely';
import type { User, UserRole } from '../../shared/api/common';
import { SecurusError } from '../../shared/errors';
import { canonicalUsername } from '../../shared/usernames';
import type { ServerContext } from '../context';
import type { UsersTable } from '../db/tables/users';
import type { AccountRef } from './second-factor';
import { newId } from './tokens';

export type UserRow = Selectable<UsersTable>;

export function toApiUser(row: UserRow): User {
  return { id: row.id, username: row.username, email: row.email, displayName: row.display_name, role: row.role };
}

export function toAccountRef(row: UserRow): AccountRef {
  return { id: row.id, username: row.username, email: row.email, displayName: row.display_name };
}

export async function findUserById(ctx: ServerContext, id: string): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * By RFC 8265 key, so `Alice` and `ａlice` find `alice`. A name the profile refuses finds nobody: the caller answers
 * as for any unknown name. Two accounts under one key (from before 0004-username-keys) are ambiguous: neither
 * signs in by name until an administrator renames one (`securus user check-usernames`).
 */
export async function findUserByUsername(ctx: ServerContext, username: string): Promise<UserRow | undefined> {
  const key = canonicalUsername(username);
  if (!key.ok) {
    return undefined;
  }
  const rows = await ctx.db.selectFrom('users').selectAll().where('username_key', '=', key.value).limit(2).execute();
  return rows.length === 1 ? rows[0] : undefined;
}

/** Forgot-password accepts a username or an email; an email shared by several accounts matches none. */
export async function findUserByLogin(ctx: ServerContext, login: string): Promise<UserRow | undefined> {
  const byName = await findUserByUsername(ctx, login);
  if (byName) {
    return byName;
  }
  const byEmail = await ctx.db.selectFrom('users').selectAll().where('email', '=', login).limit(2).execute();
  return byEmail.length === 1 ? byEmail[0] : undefined;
}

export async function createUser(
  ctx: ServerContext,
  input: { username: string; password: string; email: string; displayName?: string; role?: UserRole },
): Promise<{ id: string; username: string }> {
  const key = canonicalUsername(input.username);
  if (!key.ok) {
    throw new SecurusError('validation_failed', { details: [{ path: 'username', message: key.reason }] });
  }
  const taken = await ctx.db.selectFrom('users').select('id').where('username_key', '=', key.value).executeTakeFirst();
  if (taken) {
    throw new SecurusError('validation_failed', {
      details: [{ path: 'username', message: 'That username is taken.' }],
    });
  }
  const id = newId();
  // A new account's username is its key, so the unique constraint on `username` also settles two creations racing
  // for one name (`Alice` and `alice` at once); the display name keeps what was typed.
  await ctx.db
    .insertInto('users')
    .values({
      id,
      username: key.value,
      username_key: key.value,
      email: input.email,
      display_name: input.displayName ?? input.username,
      password_hash: await ctx.passwords.hash(input.password),
      created_at: ctx.clock.now(),
      locked_until: null,
      role: input.role ?? 'supervisor',
    })
    .execute();
  return { id, username: key.value };
}

/** The key an existing username is stored under: its RFC 8265 form, or its plain lowercase when refused. */
function storedKeyOf(username: string): string {
  const key = canonicalUsername(username);
  return key.ok ? key.value : username.toLowerCase();
}

export interface UsernameReport {
  /** Usernames of accounts that share one key: none of them signs in by name. */
  collisions: string[][];
  /** Usernames the profile refuses, with its reason: they sign in by name no more. */
  refused: Array<{ username: string; reason: string }>;
  /** Usernames stored as typed before RFC 8265 (`Alice`) and colliding with none, with the form they sign in as. */
  notCanonical: Array<{ username: string; canonical: string }>;
  /** Usernames whose stored key is missing or not what it should be: sign-in cannot find them. */
  staleKey: string[];
}

/** What `securus user check-usernames` reports; it reads every account and changes nothing. */
export async function reportUsernames(ctx: ServerContext): Promise<UsernameReport> {
  const rows = await ctx.db.selectFrom('users').select(['username', 'username_key']).execute();
  // Sorted here, not in SQL: SQLite and PostgreSQL collate `Alice` and `alice` in different orders.
  rows.sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const report: UsernameReport = { collisions: [], refused: [], notCanonical: [], staleKey: [] };
  const byKey = new Map<string, string[]>();
  for (const { username, username_key: storedKey } of rows) {
    const key = storedKeyOf(username);
    byKey.set(key, [...(byKey.get(key) ?? []), username]);
    const canonical = canonicalUsername(username);
    if (!canonical.ok) {
      report.refused.push({ username, reason: canonical.reason });
    } else if (canonical.value !== username) {
      report.notCanonical.push({ username, canonical: canonical.value });
    }
    if (storedKey !== key) {
      report.staleKey.push(username);
    }
  }
  report.collisions = [...byKey.values()].filter((group) => group.length > 1);
  const collided = new Set(report.collisions.flat());
  report.notCanonical = report.notCanonical.filter(({ username }) => !collided.has(username));
  return report;
}

export async function countUsers(ctx: ServerContext): Promise<number> {
  const row = await ctx.db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function isTwoFactorEnabled(ctx: ServerContext, userId: string): Promise<{ enabledAt: number } | null> {
  const row = await ctx.db
    .selectFrom('two_factor')
    .select('enabled_at')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? { enabledAt: row.enabled_at } : null;
}
