import { z } from 'zod';
import {
  AdminActionRequest,
  AdminResetTwoFactorResponse,
  AdminRevokeBackupCodesResponse,
  AdminUnlockResponse,
  SUPERVISORS_PAGE_SIZE_MAX,
  SUPERVISORS_SEARCH_MAX,
  SupervisorsResponse,
  WorkstationsResponse,
} from '../api';
import type { IpcChannelSpec } from './contract';
import { NoInput } from './no-input';

/**
 * The channels about accounts beyond one's own 2FA: an administrator's Supervisors view and the Signed-in
 * workstations tab. Part of the one contract (`ipcContract` spreads them in); kept here so that table stays readable.
 */
export const accountChannels = {
  'admin:list-supervisors': {
    name: 'listSupervisors',
    /** An administrator's session only (`forbidden` otherwise): every account, sorted by username, a page at a time. */
    request: z
      .object({
        q: z.string().trim().max(SUPERVISORS_SEARCH_MAX, 'A search has at most 100 characters.').optional(),
        page: z.number().int().min(1).max(1_000_000).optional(),
        pageSize: z.number().int().min(1).max(SUPERVISORS_PAGE_SIZE_MAX).optional(),
      })
      .strict(),
    response: SupervisorsResponse,
  },
  /** The three actions are step-up protected (`reauth_required`) and audited with the administrator and the reason. */
  'admin:reset-two-factor': {
    name: 'adminResetTwoFactor',
    request: AdminActionRequest,
    response: AdminResetTwoFactorResponse,
  },
  'admin:unlock': { name: 'adminUnlock', request: AdminActionRequest, response: AdminUnlockResponse },
  'admin:require-new-backup-codes': {
    name: 'adminRequireNewBackupCodes',
    request: AdminActionRequest,
    response: AdminRevokeBackupCodesResponse,
  },
  /** Signed-in workstations (User Settings): remembered workstations and the account's live sessions. */
  'workstations:list': { name: 'listWorkstations', request: NoInput, response: WorkstationsResponse },
  'workstations:forget': {
    name: 'forgetWorkstation',
    request: z.object({ id: z.string().min(1).max(64) }).strict(),
    response: z.object({ forgotten: z.literal(true) }),
  },
  'workstations:end-session': {
    name: 'endSession',
    request: z.object({ id: z.string().min(1).max(64) }).strict(),
    /** `current`: this console's own session ended; it is signed out like after Sign out. */
    response: z.object({ current: z.boolean() }),
  },
} as const satisfies Record<`${string}:${string}`, IpcChannelSpec>;
