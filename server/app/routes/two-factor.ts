import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById, isTwoFactorEnabled, toAccountRef, type UserRow } from '../../domain/accounts';
import { recordSecurityEvent } from '../../domain/audit';
import { replaceBackupCodes } from '../../domain/backup-codes';
import { beginEnrollment, confirmEnrollment, removeTwoFactor, verifyEnrollment } from '../../domain/enrollment';
import { endSessionsOf, type ActiveSession } from '../../domain/sessions';
import { notifyOwner } from '../../mail/notifications';
import type { RouteHandlers } from '../route-kit';

type Names = 'beginSetup' | 'verifySetup' | 'confirmSetup' | 'resetTwoFactor' | 'regenerateBackupCodes';

export function twoFactorRoutes(ctx: ServerContext): Pick<RouteHandlers, Names> {
  async function currentUser(session: ActiveSession): Promise<UserRow> {
    const user = await findUserById(ctx, session.userId);
    if (!user) {
      throw new SecurusError('unauthenticated');
    }
    return user;
  }

  /** Removing 2FA or replacing codes asks for the password in the same request (ASVS 5.0 7.5.1). */
  async function userWithPassword(session: ActiveSession, password: string, ip: string): Promise<UserRow> {
    const user = await currentUser(session);
    if (!(await ctx.passwords.verify(user.password_hash, password))) {
      await recordSecurityEvent(ctx, {
        type: 'login_failed',
        userId: user.id,
        account: user.username,
        ip,
        reason: 'confirm_wrong_password',
      });
      throw new SecurusError('invalid_credentials');
    }
    return user;
  }

  return {
    beginSetup: async ({ session }) => beginEnrollment(ctx, toAccountRef(await currentUser(session))),
    verifySetup: async ({ body, session }) => {
      const user = await currentUser(session);
      return { backupCodes: await verifyEnrollment(ctx, toAccountRef(user), body.enrollmentId, body.code) };
    },
    confirmSetup: async ({ body, session, ip }) => {
      const user = await currentUser(session);
      const enabledAt = await confirmEnrollment(ctx, toAccountRef(user), body.enrollmentId);
      await endSessionsOf(ctx, user.id, session.tokenHash);
      await recordSecurityEvent(ctx, { type: 'two_factor_enabled', userId: user.id, account: user.username, ip });
      notifyOwner(ctx, toAccountRef(user), 'two_factor_enabled');
      return {
        status: 'enabled',
        enabledAt: new Date(enabledAt).toISOString(),
        message: 'Two-Factor Authentication is on. Keep your backup codes somewhere safe.',
      };
    },
    resetTwoFactor: async ({ body, session, ip }) => {
      const user = await userWithPassword(session, body.password, ip);
      if (!(await removeTwoFactor(ctx, user.id))) {
        throw new SecurusError('two_factor_not_enabled');
      }
      await endSessionsOf(ctx, user.id, session.tokenHash);
      await recordSecurityEvent(ctx, {
        type: 'two_factor_reset',
        userId: user.id,
        account: user.username,
        ip,
        actor: 'self',
      });
      notifyOwner(ctx, toAccountRef(user), 'two_factor_reset');
      return { status: 'disabled', message: 'Two-Factor Authentication is off. Sign-in now needs only your password.' };
    },
    regenerateBackupCodes: async ({ body, session, ip }) => {
      const user = await userWithPassword(session, body.password, ip);
      if (!(await isTwoFactorEnabled(ctx, user.id))) {
        throw new SecurusError('two_factor_not_enabled');
      }
      const backupCodes = await replaceBackupCodes(ctx, user.id);
      await recordSecurityEvent(ctx, { type: 'backup_codes_regenerated', userId: user.id, account: user.username, ip });
      notifyOwner(ctx, toAccountRef(user), 'backup_codes_regenerated');
      return { backupCodes };
    },
  };
}
