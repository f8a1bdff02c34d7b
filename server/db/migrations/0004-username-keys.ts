import type { Kysely, Migration } from 'kysely';
import { canonicalUsername } from '../../../shared/usernames';

// A type alias, not an interface: `withTables` wants an index signature, which only aliases carry implicitly.
type UsersBefore = {
  users: { id: string; username: string; username_key: string | null };
};

/**
 * Sign-in finds an account by its RFC 8265 key (`shared/usernames.ts`). The index is not unique and the column is
 * nullable: existing accounts may already share a key (`Alice` and `alice`), and merging them here would hand one
 * person's account to another. `securus user check-usernames` reports them for an administrator to resolve; until
 * then neither signs in by that name. A username the profile refuses keeps its plain lowercase as its key, so the
 * check can still group it with its look-alikes.
 */
export const usernameKeys: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('users').addColumn('username_key', 'text').execute();
    const users = db.withTables<UsersBefore>();
    const rows = await users.selectFrom('users').select(['id', 'username']).execute();
    for (const row of rows) {
      const key = canonicalUsername(row.username);
      await users
        .updateTable('users')
        .set({ username_key: key.ok ? key.value : row.username.toLowerCase() })
        .where('id', '=', row.id)
        .execute();
    }
    // Not `users_username_key`: PostgreSQL already gave that name to the unique constraint on `username`.
    await db.schema.createIndex('users_by_username_key').on('users').column('username_key').execute();
  },
};
