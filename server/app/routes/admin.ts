import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById } from '../../domain/accounts';
import {
  resetTwoFactorAsAdministrator,
  revokeBackupCodesAsAdministrator,
  unlockAsAdministrator,
  type AdminAction,
} from '../../domain/administration';
import type { ActiveSession } from '../../domain/sessions';
import { listSupervisors } from '../../domain/supervisor-list';
import type { RouteHandlers } from '../route-kit';

type Names = 'adminListSupervisors' | 'adminResetTwoFactor' | 'adminUnlock' | 'adminRequireNewBackupCodes';

/** The Supervisors view's routes; route-kit has already refused any session but an administrator's (`admin`). */
export function adminRoutes(ctx: ServerContext): Pick<RouteHandlers, Names> {
  async function actionOf(
    session: ActiveSession,
    body: { userId: string; reason: string },
    ip: string,
  ): Promise<AdminAction> {
    const administrator = await findUserById(ctx, session.userId);
    if (!administrator) {
      throw new SecurusError('unauthenticated');
    }
    return {
      administrator: { id: administrator.id, username: administrator.username },
      userId: body.userId,
      reason: body.reason,
      ip,
    };
  }

  return {
    adminListSupervisors: ({ body }) => listSupervisors(ctx, body),
    adminResetTwoFactor: async ({ body, session, ip }) => ({
      status: 'two_factor_reset',
      supervisor: await resetTwoFactorAsAdministrator(ctx, await actionOf(session, body, ip)),
    }),
    adminUnlock: async ({ body, session, ip }) => ({
      status: 'unlocked',
      supervisor: await unlockAsAdministrator(ctx, await actionOf(session, body, ip)),
    }),
    adminRequireNewBackupCodes: async ({ body, session, ip }) => ({
      status: 'backup_codes_revoked',
      ...(await revokeBackupCodesAsAdministrator(ctx, await actionOf(session, body, ip))),
    }),
  };
}
