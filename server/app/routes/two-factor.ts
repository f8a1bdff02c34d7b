import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById, isTwoFactorEnabled, toAccountRef, type UserRow } from '../../domain/accounts';
import { recordSecurityEvent } from '../../domain/audit';
import { replaceBackupCodes } from '../../domain/backup-codes';
import {
  beginEnrollment,
  cancelEnrollment,
  confirmEnrollment,
  removeTwoFactor,
  verifyEnrollment,
} from '../../domain/enrollment';
import { checkPassword } from '../../domain/password-check';
import { revokeRememberedWorkstations } from '../../domain/remembered-workstations';
import { requireSetupNow } from '../../domain/required-setup';
import { endSessionsOf, type ActiveSession } from '../../domain/sessions';
import { notifyOwner } from '../../mail/notifications';
import type { RouteHandlers } from '../route-kit';

type Names = 'beginSetup' | 'verifySetup' | 'confirmSetup' | 'cancelSetup' | 'resetTwoFactor' | 'regenerateBackupCodes';

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
    return checkPassword(ctx, { user, ip, session, failureReason: 'confirm_wrong_password' }, password);
  }

  return {
    beginSetup: async ({ session }) => beginEnrollment(ctx, toAccountRef(await currentUser(session))),
    verifySetup: async ({ body, session }) => {
      const user = await currentUser(session);
      return { backupCodes: await verifyEnrollment(ctx, toAccountRef(user), body.enrollmentId, body.code) };
    },
    confirmSetup: async ({ body, session, ip }) => {
      const user = await currentUser(session);
      const enabledAt = await confirmEnrollment(ctx, toAccountRef(user), body.enrollmentId, session.tokenHash);
      await recordSecurityEvent(ctx, { type: 'two_factor_enabled', userId: user.id, account: user.username, ip });
      notifyOwner(ctx, toAccountRef(user), 'two_factor_enabled');
      return {
        status: 'enabled',
        enabledAt: new Date(enabledAt).toISOString(),
        message: 'Two-Factor Authentication is on. Keep your backup codes somewhere safe.',
      };
    },
    // No step-up: abandoning a setup only ever leaves 2FA as it was.
    cancelSetup: async ({ body, session }) => {
      await cancelEnrollment(ctx, session.userId, body.enrollmentId);
      return { status: 'cancelled' };
    },
    resetTwoFactor: async ({ body, session, ip }) => {
      const user = await userWithPassword(session, body.password, ip);
      if (!(await removeTwoFactor(ctx, user.id))) {
        throw new SecurusError('two_factor_not_enabled');
      }
      await endSessionsOf(ctx, user.id, session.tokenHash);
      await revokeRememberedWorkstations(ctx, user, ip, 'two_factor_reset');
      await recordSecurityEvent(ctx, {
        type: 'two_factor_reset',
        userId: user.id,
        account: user.username,
        ip,
        actor: 'self',
      });
      notifyOwner(ctx, toAccountRef(user), 'two_factor_reset');
      if (await requireSetupNow(ctx, user.id)) {
        return {
          status: 'disabled',
          message: 'Two-Factor Authentication is off. Your organisation requires it: set it up again now.',
          setupRequired: true,
        };
      }
      return { status: 'disabled', message: 'Two-Factor Authentication is off. Sign-in now needs only your password.' };
    },
    regenerateBackupCodes: async ({ body, session, ip }) => {
      const user = await userWithPassword(session, body.password, ip);
      if (!(await isTwoFactorEnabled(ctx, user.id))) {
        throw new SecurusError('two_factor_not_enabled');
      }
      const backupCodes = await replaceBackupCodes(ctx, user.id);
      await revokeRememberedWorkstations(ctx, user, ip, 'backup_codes_regenerated');
      await recordSecurityEvent(ctx, { type: 'backup_codes_regenerated', userId: user.id, account: user.username, ip });
      notifyOwner(ctx, toAccountRef(user), 'backup_codes_regenerated');
      return { backupCodes };
    },
  };
}
