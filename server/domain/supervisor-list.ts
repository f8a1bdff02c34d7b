import { sql, type SqlBool } from 'kysely';
import {
  SUPERVISORS_DEFAULT_PAGE_SIZE,
  type Supervisor,
  type SupervisorsQuery,
  type SupervisorsResponse,
} from '../../shared/api/admin';
import type { UserRole } from '../../shared/api/common';
import type { ServerContext } from '../context';

/** `%` and `_` (and the escape itself) typed into a search are matched as themselves, on SQLite and PostgreSQL. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

const SEARCHED = ['users.username', 'users.display_name', 'users.email'] as const;

/**
 * The accounts a search matches. Case-insensitive the same way on both databases: lower() on both sides (SQLite
 * folds ASCII only, PostgreSQL every letter), LIKE with an explicit escape (SQLite has no default one).
 */
function matching(ctx: ServerContext, q: string | undefined) {
  const query = ctx.db.selectFrom('users');
  if (!q) {
    return query;
  }
  const pattern = containsPattern(q);
  return query.where(({ or }) =>
    or(
      SEARCHED.map(
        (column) => sql<SqlBool>`lower(${sql.ref(column)}) like lower(cast(${pattern} as text)) escape '\\'`,
      ),
    ),
  );
}

/** What the list shows of an account: its 2FA state, unused backup codes, lock and latest sign-in, in one query. */
function withState(query: ReturnType<typeof matching>) {
  return query
    .leftJoin('two_factor', 'two_factor.user_id', 'users.id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.email',
      'users.role',
      'users.locked_until',
      'two_factor.enabled_at',
    ])
    .select((eb) => [
      eb
        .selectFrom('backup_codes')
        .select((inner) => inner.fn.countAll<number>().as('count'))
        .whereRef('backup_codes.user_id', '=', 'users.id')
        .where('backup_codes.enrollment_id', 'is', null)
        .where('backup_codes.used_at', 'is', null)
        .as('backup_codes_remaining'),
      // The newest sign-in: the (user_id, at) index read backwards, stopping at the first one.
      eb
        .selectFrom('security_events')
        .select('security_events.at')
        .whereRef('security_events.user_id', '=', 'users.id')
        .where('security_events.type', '=', 'login_succeeded')
        .orderBy('security_events.at', 'desc')
        .limit(1)
        .as('last_sign_in_at'),
    ]);
}

interface SupervisorRow {
  id: string;
  username: string;
  display_name: string;
  email: string;
  role: UserRole;
  locked_until: number | null;
  enabled_at: number | null;
  backup_codes_remaining: number | string | null;
  last_sign_in_at: number | null;
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(Number(ms)).toISOString();
}

function toSupervisor(ctx: ServerContext, row: SupervisorRow): Supervisor {
  const enabled = row.enabled_at !== null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    twoFactorEnabled: enabled,
    twoFactorEnabledAt: iso(row.enabled_at),
    backupCodesRemaining: enabled ? Number(row.backup_codes_remaining ?? 0) : 0,
    lockedUntil: row.locked_until !== null && row.locked_until > ctx.clock.now() ? iso(row.locked_until) : null,
    lastSignInAt: iso(row.last_sign_in_at),
  };
}

/** One page of accounts, sorted by username (byte order on both databases, whatever PostgreSQL's collation). */
export async function listSupervisors(ctx: ServerContext, query: SupervisorsQuery): Promise<SupervisorsResponse> {
  const q = query.q ? query.q : undefined;
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? SUPERVISORS_DEFAULT_PAGE_SIZE;
  const counted = await matching(ctx, q)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const byUsername =
    ctx.storage.dialect === 'postgres' ? sql`${sql.ref('users.username')} collate "C"` : sql.ref('users.username');
  const rows = await withState(matching(ctx, q))
    .orderBy(byUsername)
    .orderBy('users.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    supervisors: rows.map((row) => toSupervisor(ctx, row)),
    total: Number(counted.count),
    page,
    pageSize,
  };
}

/** One account as the list shows it; null when there is none with that id. */
export async function findSupervisor(ctx: ServerContext, userId: string): Promise<Supervisor | null> {
  const row = await withState(ctx.db.selectFrom('users')).where('users.id', '=', userId).executeTakeFirst();
  return row ? toSupervisor(ctx, row) : null;
}
