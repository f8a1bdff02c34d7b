import type { ServerContext } from '../../context';
import { requestPasswordReset, resetPassword } from '../../domain/password-reset';
import type { RouteHandlers } from '../route-kit';

export const FORGOT_PASSWORD_ANSWER = 'If that account exists, a reset code is on its way to its email address.';

export function passwordResetRoutes(ctx: ServerContext): Pick<RouteHandlers, 'forgotPassword' | 'resetPassword'> {
  return {
    forgotPassword: async ({ body, ip }) => {
      requestPasswordReset(ctx, body.login, ip);
      return { status: 'accepted', message: FORGOT_PASSWORD_ANSWER };
    },
    resetPassword: ({ body, ip }) => resetPassword(ctx, body, ip),
  };
}
