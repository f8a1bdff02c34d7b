import { z } from 'zod';
import { BACKUP_CODE_COUNT } from '../codes';
import {
  CodeInput,
  Email,
  IsoDateTime,
  NewPassword,
  Password,
  SECURITY_EVENTS_PAGE_MAX,
  SecondFactorMethod,
  SecurityEvent,
  SecurityEventId,
  TwoFactorRemovalPolicy,
  TwoFactorRequirement,
  TwoFactorStatus,
  User,
  Username,
} from '../api';
import { accountChannels } from './account-channels';
import { NoInput } from './no-input';
import type { IpcResult } from './result';

const BackupCodes = z.array(z.string().min(1).max(32)).min(1).max(BACKUP_CODE_COUNT);
const AccountLabel = z.string().min(1).max(200);

export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/**
 * The only list of IPC channels. The preload's functions, the renderer's `window.securus` type, the main-process
 * handlers and the browser preview's routes are all derived from this table.
 * `name` is the function the renderer calls; the key is the `domain:verb` channel.
 */
export const ipcContract = {
  'app:get-info': {
    name: 'getAppInfo',
    request: NoInput,
    response: z.object({
      version: z.string(),
      platform: z.string(),
      serverUrl: z.string(),
      issuerDisplayName: z.string(),
      /** IT's help contact from the policy ("the IT service desk on extension 4357"); null when the policy names none. */
      helpContact: z.string().nullable(),
      /** 'os' when tokens are kept in the OS keychain; 'memory' when none is available (sign-in lasts one run). */
      keychain: z.enum(['os', 'memory']),
      /** Set when the IT policy is invalid: the console shows it and does nothing else. */
      configurationProblem: z.object({ file: z.string(), field: z.string(), message: z.string() }).nullable(),
    }),
  },
  'app:open-external': {
    name: 'openExternal',
    request: z.object({ url: z.string().url().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  'server:get-info': {
    name: 'getServerInfo',
    request: NoInput,
    response: z.object({
      issuer: z.string(),
      twoFactorRemoval: TwoFactorRemovalPolicy,
      /** Under `delayed`: hours between a reset and the removal of 2FA; null under any other policy. */
      twoFactorRemovalDelayHours: z.number().int().positive().nullable(),
      /** SECURUS_REQUIRE_2FA=on: every account must have 2FA (Reset 2FA then asks for a new setup at once). */
      twoFactorRequired: z.boolean(),
      /** SECURUS_REMEMBER_DEVICE_DAYS: how long a remembered workstation skips the code; 0 or absent: never. */
      rememberWorkstationDays: z.number().int().min(0).max(30).optional(),
      /** Workstation clock minus server clock, in seconds; null when the server's time could not be read. */
      clockSkewSeconds: z.number().nullable(),
    }),
  },
  'auth:get-session': {
    name: 'getSession',
    request: NoInput,
    response: z.discriminatedUnion('status', [
      z.object({ status: z.literal('signed_in'), user: User, twoFactorRequirement: TwoFactorRequirement.nullable() }),
      z.object({ status: z.literal('signed_out') }),
    ]),
  },
  'auth:login': {
    name: 'login',
    request: z.object({ username: Username, password: Password }).strict(),
    response: z.discriminatedUnion('status', [
      z.object({
        status: z.literal('authenticated'),
        user: User,
        /** SECURUS_REQUIRE_2FA: set up 2FA by its date; `setupOnly`, nothing else can be done until then. */
        twoFactorRequirement: TwoFactorRequirement.nullable(),
      }),
      z.object({
        status: z.literal('2fa_required'),
        methods: z.array(SecondFactorMethod),
        expiresAt: IsoDateTime,
        /** Set while the account is locked after too many wrong codes: seconds until codes are checked again. */
        lockedForSeconds: z.number().int().positive().optional(),
      }),
    ]),
  },
  'auth:submit-second-factor': {
    name: 'submitSecondFactor',
    /**
     * `rememberWorkstation`: keep a device token in the OS keychain so the next sign-in here needs only the password.
     * Honoured only with an OS keychain and a server policy that allows it.
     */
    request: z.object({ code: CodeInput, rememberWorkstation: z.boolean().default(false) }).strict(),
    response: z.object({ status: z.literal('authenticated'), user: User, backupCodesRemaining: z.number().int() }),
  },
  'auth:logout': { name: 'logout', request: NoInput, response: z.object({ status: z.literal('signed_out') }) },
  'auth:reauthenticate': {
    name: 'reauthenticate',
    request: z.object({ password: Password }).strict(),
    response: z.object({ reauthenticatedUntil: IsoDateTime }),
  },
  'auth:request-password-reset': {
    name: 'requestPasswordReset',
    request: z.object({ login: z.union([Username, Email]) }).strict(),
    response: z.object({ message: z.string() }),
  },
  'auth:reset-password': {
    name: 'resetPassword',
    request: z
      .object({
        token: z.string().min(1).max(256),
        newPassword: NewPassword,
        removeTwoFactor: z.boolean(),
        secondFactorCode: CodeInput.optional(),
      })
      .strict(),
    response: z.object({
      twoFactorRemoved: z.boolean(),
      /** Under `delayed`: when 2FA will be removed unless the owner signs in with a code before then. */
      twoFactorRemovalScheduledFor: IsoDateTime.nullable(),
    }),
  },
  'two-factor:get-status': {
    name: 'getTwoFactorStatus',
    request: NoInput,
    response: z.object({
      user: User,
      twoFactor: TwoFactorStatus,
      reauthenticatedUntil: IsoDateTime.nullable(),
      /** A setup verified but never confirmed: its entry in the authenticator app does not work. Absent: none. */
      unfinishedSetup: z.object({ verifiedAt: IsoDateTime }).nullable().optional(),
      /** 2FA is off and the policy requires it: by when (`setupOnly`: the grace is over). Absent: not required. */
      twoFactorRequirement: TwoFactorRequirement.nullable().optional(),
    }),
  },
  'two-factor:begin-setup': {
    name: 'beginTwoFactorSetup',
    request: NoInput,
    response: z.object({
      enrollmentId: z.string(),
      secret: z.string(),
      otpauthUri: z.string(),
      /** "Securus: alice", as the authenticator app will show the entry. */
      accountLabel: z.string(),
      expiresAt: IsoDateTime,
    }),
  },
  'two-factor:verify-setup': {
    name: 'verifyTwoFactorSetup',
    request: z.object({ enrollmentId: z.string().min(1).max(128), code: CodeInput }).strict(),
    response: z.object({ backupCodes: z.array(z.string()) }),
  },
  'two-factor:confirm-setup': {
    name: 'confirmTwoFactorSetup',
    request: z.object({ enrollmentId: z.string().min(1).max(128) }).strict(),
    response: z.object({ enabledAt: IsoDateTime, message: z.string() }),
  },
  'two-factor:cancel-setup': {
    name: 'cancelTwoFactorSetup',
    /** Abandons the unconfirmed setup on the server: 2FA stays off and its secret and backup codes are deleted. */
    request: z.object({ enrollmentId: z.string().min(1).max(128) }).strict(),
    response: z.object({ cancelled: z.literal(true) }),
  },
  'two-factor:reset': {
    name: 'resetTwoFactor',
    request: z.object({ password: Password }).strict(),
    /** `setupRequired`: the policy requires 2FA, so the session may now only set it up again. */
    response: z.object({ message: z.string(), setupRequired: z.boolean() }),
  },
  'two-factor:regenerate-backup-codes': {
    name: 'regenerateBackupCodes',
    request: z.object({ password: Password }).strict(),
    response: z.object({ backupCodes: z.array(z.string()) }),
  },
  'two-factor:list-security-events': {
    name: 'listSecurityEvents',
    /** Newest first; `before` (a page's `nextBefore`) asks for older ones. The server answers at most 100. */
    request: z
      .object({
        limit: z.number().int().min(1).max(SECURITY_EVENTS_PAGE_MAX).optional(),
        before: SecurityEventId.optional(),
      })
      .strict(),
    response: z.object({ events: z.array(SecurityEvent), nextBefore: z.string().nullable() }),
  },
  'two-factor:begin-authenticator-change': {
    name: 'beginAuthenticatorChange',
    request: NoInput,
    /** The new app's QR code and setup key; 2FA stays on with the old app until the change is verified. */
    response: z.object({
      enrollmentId: z.string(),
      secret: z.string(),
      otpauthUri: z.string(),
      accountLabel: z.string(),
      expiresAt: IsoDateTime,
    }),
  },
  'two-factor:verify-authenticator-change': {
    name: 'verifyAuthenticatorChange',
    request: z.object({ enrollmentId: z.string().min(1).max(128), code: CodeInput }).strict(),
    response: z.object({ changedAt: IsoDateTime, message: z.string() }),
  },
  'two-factor:cancel-authenticator-change': {
    name: 'cancelAuthenticatorChange',
    request: z.object({ enrollmentId: z.string().min(1).max(128) }).strict(),
    response: z.object({ cancelled: z.literal(true) }),
  },
  'backup-codes:save': {
    name: 'saveBackupCodes',
    request: z.object({ codes: BackupCodes, accountLabel: AccountLabel }).strict(),
    response: z.object({
      saved: z.boolean(),
      /** Where the codes were written; null when the person cancelled. */
      filePath: z.string().nullable(),
      /**
       * `file`: at `filePath`, where the person chose; `download`: handed on to a browser as a download named
       * `fileName` (the preview), so `filePath` means nothing to the person.
       */
      delivery: z.enum(['file', 'download']),
      fileName: z.string(),
    }),
  },
  'backup-codes:print': {
    name: 'printBackupCodes',
    request: z.object({ codes: BackupCodes, accountLabel: AccountLabel }).strict(),
    response: z.object({
      printed: z.boolean(),
      /**
       * `sent` to the printer, `cancelled` in the print dialog, or `browser_dialog`: handed on to a browser's print
       * dialog (the preview), whose outcome a page cannot learn.
       */
      outcome: z.enum(['sent', 'cancelled', 'browser_dialog']),
    }),
  },
  'clipboard:copy': {
    name: 'copyToClipboard',
    /** `sensitive` text (backup codes, the setup key) is cleared from the clipboard after 60 s if still there. */
    request: z.object({ text: z.string().min(1).max(4096), sensitive: z.boolean() }).strict(),
    response: z.object({ clearsAfterSeconds: z.number().int().nullable() }),
  },
  ...accountChannels,
  'settings:get': { name: 'getSettings', request: NoInput, response: z.object({ theme: Theme }) },
  'settings:set': {
    name: 'updateSettings',
    request: z.object({ theme: Theme }).strict(),
    response: z.object({ theme: Theme }),
  },
} as const satisfies Record<`${string}:${string}`, IpcChannelSpec>;

export interface IpcChannelSpec {
  name: string;
  request: z.ZodType;
  response: z.ZodType;
}

export type IpcContract = typeof ipcContract;
export type IpcChannel = keyof IpcContract;
export const IPC_CHANNELS = Object.keys(ipcContract) as IpcChannel[];

export type IpcRequest<C extends IpcChannel> = z.input<IpcContract[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.infer<IpcContract[C]['response']>;

/** `window.securus`: one named function per channel, as the preload builds it. */
export type SecurusBridge = {
  [C in IpcChannel as IpcContract[C]['name']]: (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;
};
