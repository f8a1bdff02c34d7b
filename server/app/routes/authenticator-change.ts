import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById, toAccountRef } from '../../domain/accounts';
import { recordSecurityEvent } from '../../domain/audit';
import {
  beginAuthenticatorChange,
  cancelAuthenticatorChange,
  completeAuthenticatorChange,
} from '../../domain/authenticator-change';
import type { ActiveSession } from '../../domain/sessions';
import { notifyOwner } from '../../mail/notifications';
import type { RouteHandlers } from '../route-kit';

type Names = 'beginAuthenticatorChange' | 'verifyAuthenticatorChange' | 'cancelAuthenticatorChange';

/** Change authenticator app while 2FA stays on; begin and verify need step-up (the route table says so). */
export function authenticatorChangeRoutes(ctx: ServerContext): Pick<RouteHandlers, Names> {
  async function currentAccount(session: ActiveSession) {
    const user = await findUserById(ctx, session.userId);
    if (!user) {
      throw new SecurusError('unauthenticated');
    }
    return toAccountRef(user);
  }

  return {
    beginAuthenticatorChange: async ({ session }) => beginAuthenticatorChange(ctx, await currentAccount(session)),
    verifyAuthenticatorChange: async ({ body, session, ip }) => {
      const account = await currentAccount(session);
      const changedAt = await completeAuthenticatorChange(ctx, account, body.enrollmentId, body.code);
      await recordSecurityEvent(ctx, {
        type: 'authenticator_changed',
        userId: account.id,
        account: account.username,
        ip,
        actor: 'self',
      });
      notifyOwner(ctx, account, 'authenticator_changed');
      return {
        status: 'changed',
        changedAt: new Date(changedAt).toISOString(),
        message: 'Your authenticator app was changed. Codes from the previous app no longer work.',
      };
    },
    cancelAuthenticatorChange: async ({ body, session }) => {
      await cancelAuthenticatorChange(ctx, session.userId, body.enrollmentId);
      return { status: 'cancelled' };
    },
  };
}
