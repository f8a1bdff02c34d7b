import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById, isTwoFactorEnabled, toApiUser } from '../../domain/accounts';
import { recentSecurityEvents } from '../../domain/audit';
import { remainingBackupCodes } from '../../domain/backup-codes';
import type { RouteHandlers } from '../route-kit';

export function meRoutes(ctx: ServerContext): Pick<RouteHandlers, 'me' | 'securityEvents'> {
  return {
    me: async ({ session }) => {
      const user = await findUserById(ctx, session.userId);
      if (!user) {
        throw new SecurusError('unauthenticated');
      }
      const twoFactor = await isTwoFactorEnabled(ctx, user.id);
      return {
        user: toApiUser(user),
        twoFactor: {
          enabled: twoFactor !== null,
          enabledAt: twoFactor ? new Date(twoFactor.enabledAt).toISOString() : null,
          backupCodesRemaining: twoFactor ? await remainingBackupCodes(ctx, user.id) : 0,
        },
        reauthenticatedUntil: session.reauthUntil === null ? null : new Date(session.reauthUntil).toISOString(),
      };
    },
    securityEvents: async ({ session }) => ({ events: await recentSecurityEvents(ctx, session.userId) }),
  };
}
