import { SecurusError } from '../../../shared/errors';
import type { ServerContext } from '../../context';
import { findUserById } from '../../domain/accounts';
import { forgetWorkstation, listRememberedWorkstations } from '../../domain/remembered-workstations';
import { endOwnSession, listSessions } from '../../domain/session-list';
import type { ActiveSession } from '../../domain/sessions';
import type { RouteHandlers } from '../route-kit';

export function workstationRoutes(
  ctx: ServerContext,
): Pick<RouteHandlers, 'workstations' | 'forgetWorkstation' | 'endSession'> {
  const accountOf = async (session: ActiveSession) => {
    const user = await findUserById(ctx, session.userId);
    if (!user) {
      throw new SecurusError('unauthenticated');
    }
    return user;
  };
  return {
    workstations: async ({ session }) => ({
      rememberedWorkstations: await listRememberedWorkstations(ctx, session.userId),
      sessions: await listSessions(ctx, session),
    }),
    forgetWorkstation: async ({ body, session, ip }) => {
      await forgetWorkstation(ctx, await accountOf(session), body.id, ip);
      return { status: 'forgotten' };
    },
    endSession: async ({ body, session, ip }) => {
      const current = await endOwnSession(ctx, session, await accountOf(session), body.id, ip);
      return { status: 'ended', current };
    },
  };
}
