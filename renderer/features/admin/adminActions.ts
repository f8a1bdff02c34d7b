import type { AdminActionRequest, Supervisor } from '../../../shared/api';
import type { SecurusBridge } from '../../../shared/ipc/contract';
import { unwrap } from '../../lib/bridge';

export type AdminActionKind = 'reset-two-factor' | 'unlock' | 'require-new-backup-codes';

/** What one administrator action says in its dialog and after it, and the channel that carries it out. */
export interface AdminActionSpec {
  kind: AdminActionKind;
  /** The row's button and the dialog's title and confirm button: the product's words. */
  label: string;
  danger: boolean;
  describe: (supervisor: Supervisor) => string;
  run: (bridge: SecurusBridge, request: AdminActionRequest) => Promise<{ supervisor: Supervisor; message: string }>;
}

const nameOf = (supervisor: Supervisor) =>
  supervisor.displayName ? `${supervisor.displayName} (${supervisor.username})` : supervisor.username;

const MAILED = 'They are emailed, with your name and your reason.';

export const ADMIN_ACTIONS: Record<AdminActionKind, AdminActionSpec> = {
  'reset-two-factor': {
    kind: 'reset-two-factor',
    label: 'Reset 2FA',
    danger: true,
    describe: (supervisor) =>
      `For a lost phone: ${nameOf(supervisor)} will sign in with the password alone until they set up Two-Factor ` +
      `Authentication again. Their backup codes stop working and they are signed out everywhere. ${MAILED}`,
    run: async (bridge, request) => {
      const { supervisor } = await unwrap(bridge.adminResetTwoFactor(request));
      return {
        supervisor,
        message:
          `Two-Factor Authentication was reset for ${supervisor.username}. Their next sign-in needs only the ` +
          'password; they have been emailed.',
      };
    },
  },
  unlock: {
    kind: 'unlock',
    label: 'Unlock',
    danger: false,
    describe: (supervisor) =>
      `Lifts the lock after wrong codes and the waits after wrong passwords, so ${nameOf(supervisor)} can sign in ` +
      `again at once. ${MAILED}`,
    run: async (bridge, request) => {
      const { supervisor } = await unwrap(bridge.adminUnlock(request));
      return {
        supervisor,
        message: `${supervisor.username} is unlocked and can sign in again; they have been emailed.`,
      };
    },
  },
  'require-new-backup-codes': {
    kind: 'require-new-backup-codes',
    label: 'Require new backup codes',
    danger: true,
    describe: (supervisor) =>
      `The unused backup codes of ${nameOf(supervisor)} stop working now (a lost printout, say). Two-Factor ` +
      `Authentication stays on with their authenticator app; they make new codes in User Settings. ${MAILED}`,
    run: async (bridge, request) => {
      const { supervisor, revoked } = await unwrap(bridge.adminRequireNewBackupCodes(request));
      const codes = revoked === 1 ? '1 unused backup code' : `${revoked} unused backup codes`;
      return {
        supervisor,
        message:
          `${codes} of ${supervisor.username} no longer work. They have been emailed to make new ones in User ` +
          'Settings.',
      };
    },
  },
};
