import type { Selectable } from 'kysely';
import type { User } from '../../shared/api/common';
import { SecurusError } from '../../shared/errors';
import type { ServerContext } from '../context';
import type { UsersTable } from '../db/tables/users';
import type { AccountRef } from './second-factor';
import { newId } from './tokens';

export type UserRow = Selectable<UsersTable>;

export function toApiUser(row: UserRow): User {
  return { id: row.id, username: row.username, email: row.email, displayName: row.display_name };
}

export function toAccountRef(row: UserRow): AccountRef {
  return { id: row.id, username: row.username, email: row.email, displayName: row.display_name };
}

export async function findUserById(ctx: ServerContext, id: string): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByUsername(ctx: ServerContext, username: string): Promise<UserRow | undefined> {
  return ctx.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
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
  input: { username: string; password: string; email: string; displayName?: string },
): Promise<{ id: string }> {
  if (await findUserByUsername(ctx, input.username)) {
    throw new SecurusError('validation_failed', {
      details: [{ path: 'username', message: 'That username is taken.' }],
    });
  }
  const id = newId();
  await ctx.db
    .insertInto('users')
    .values({
      id,
      username: input.username,
      email: input.email,
      display_name: input.displayName ?? input.username,
      password_hash: await ctx.passwords.hash(input.password),
      created_at: ctx.clock.now(),
      locked_until: null,
    })
    .execute();
  return { id };
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
