import type { ServerContext } from '../../context';
import type { RouteHandlers } from '../route-kit';

export const SERVER_VERSION = '0.1.0';

export function serverInfoRoutes(ctx: ServerContext): Pick<RouteHandlers, 'health' | 'time' | 'serverInfo'> {
  return {
    health: async () => ({ status: 'ok' }),
    time: async () => {
      const now = ctx.clock.now();
      return { now: new Date(now).toISOString(), epochMs: now };
    },
    serverInfo: async () => ({
      issuer: ctx.config.issuer,
      version: SERVER_VERSION,
      passwordReset: {
        twoFactorRemoval: ctx.config.resetTwoFactorPolicy,
        twoFactorRemovalDelayHours:
          ctx.config.resetTwoFactorPolicy === 'delayed' ? ctx.config.resetTwoFactorDelayHours : null,
      },
      twoFactorPolicy: {
        required: ctx.config.twoFactorPolicy.require === 'on',
        graceDays: ctx.config.twoFactorPolicy.graceDays,
        rememberDeviceDays: ctx.config.twoFactorPolicy.rememberDeviceDays,
      },
    }),
  };
}
