import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById, isTwoFactorEnabled, toApiUser } from '../../domain/accounts';
import { remainingBackupCodes } from '../../domain/backup-codes';
import { currentRequirement, requirementForApi } from '../../domain/required-setup';
import { securityEventPage } from '../../domain/security-event-page';
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
        unfinishedSetup:
          user.unfinished_setup_verified_at === null
            ? null
            : { verifiedAt: new Date(user.unfinished_setup_verified_at).toISOString() },
        twoFactorRequirement: requirementForApi(currentRequirement(ctx, user, twoFactor !== null)),
      };
    },
    securityEvents: ({ body, session }) => securityEventPage(ctx, session.userId, body),
  };
}
