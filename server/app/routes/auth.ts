import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById } from '../../domain/accounts';
import { recordSecurityEvent } from '../../domain/audit';
import { passwordLogin, secondFactorLogin } from '../../domain/login';
import { checkPassword } from '../../domain/password-check';
import { endSession, markReauthenticated } from '../../domain/sessions';
import type { RouteHandlers } from '../route-kit';

export function authRoutes(
  ctx: ServerContext,
): Pick<RouteHandlers, 'login' | 'loginSecondFactor' | 'logout' | 'reauth'> {
  return {
    login: ({ body, ip }) => passwordLogin(ctx, body, ip),
    loginSecondFactor: ({ body, ip, countRateLimitHit }) => secondFactorLogin(ctx, body, ip, countRateLimitHit),
    logout: async ({ session, ip }) => {
      await endSession(ctx, session.tokenHash);
      const user = await findUserById(ctx, session.userId);
      await recordSecurityEvent(ctx, {
        type: 'logged_out',
        userId: session.userId,
        account: user?.username ?? null,
        ip,
      });
      return { status: 'logged_out' };
    },
    reauth: async ({ body, session, ip }) => {
      const user = await findUserById(ctx, session.userId);
      if (!user) {
        throw new SecurusError('unauthenticated');
      }
      const audit = { userId: user.id, account: user.username, ip };
      await checkPassword(ctx, { user, ip, session, failureReason: 'reauth_wrong_password' }, body.password);
      const until = await markReauthenticated(ctx, session.tokenHash);
      await recordSecurityEvent(ctx, { ...audit, type: 'reauthenticated' });
      return { reauthenticatedUntil: new Date(until).toISOString() };
    },
  };
}
