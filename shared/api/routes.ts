import type { z } from 'zod';
import * as admin from './admin';
import * as auth from './auth';
import * as authenticatorChange from './authenticator-change';
import { Empty } from './common';
import * as securityEvents from './security-events';
import * as info from './server-info';
import * as twoFactor from './two-factor';
import * as workstations from './workstations';

export const API_PREFIX = '/api/v1';

/**
 * Every route of the Securus HTTP API: the server registers exactly these, the console's client calls only these,
 * and the OpenAPI document is generated from this table.
 * - `session`: 'none' (public), 'required' (bearer session token).
 * - `stepUp`: the route needs a password entered in the last 10 minutes (ASVS 5.0 7.5.1).
 * - `admin`: only an administrator's session may call it (403 `forbidden` otherwise).
 * - `duringRequiredSetup`: a setup-only session (2FA required, grace over) may call it; every other route answers
 *   403 `two_factor_setup_required` to such a session.
 * - `request`: the JSON body of a POST; of a GET, its query string (an object of optional fields, null for none).
 */
export const apiRoutes = {
  health: {
    method: 'GET',
    path: '/health',
    session: 'none',
    request: null,
    response: info.HealthResponse,
    status: 200,
  },
  time: { method: 'GET', path: '/time', session: 'none', request: null, response: info.TimeResponse, status: 200 },
  serverInfo: {
    method: 'GET',
    path: '/info',
    session: 'none',
    request: null,
    response: info.ServerInfoResponse,
    status: 200,
  },
  login: {
    method: 'POST',
    path: '/auth/login',
    session: 'none',
    request: auth.LoginRequest,
    response: auth.LoginResponse,
    status: 200,
  },
  loginSecondFactor: {
    method: 'POST',
    path: '/auth/login/2fa',
    session: 'none',
    request: auth.LoginSecondFactorRequest,
    response: auth.LoginSecondFactorResponse,
    status: 200,
  },
  logout: {
    method: 'POST',
    path: '/auth/logout',
    session: 'required',
    duringRequiredSetup: true,
    request: Empty,
    response: auth.LogoutResponse,
    status: 200,
  },
  reauth: {
    method: 'POST',
    path: '/auth/reauth',
    session: 'required',
    duringRequiredSetup: true,
    request: auth.ReauthRequest,
    response: auth.ReauthResponse,
    status: 200,
  },
  forgotPassword: {
    method: 'POST',
    path: '/auth/password/forgot',
    session: 'none',
    request: auth.ForgotPasswordRequest,
    response: auth.ForgotPasswordResponse,
    status: 202,
  },
  resetPassword: {
    method: 'POST',
    path: '/auth/password/reset',
    session: 'none',
    request: auth.ResetPasswordRequest,
    response: auth.ResetPasswordResponse,
    status: 200,
  },
  me: {
    method: 'GET',
    path: '/me',
    session: 'required',
    duringRequiredSetup: true,
    request: null,
    response: twoFactor.MeResponse,
    status: 200,
  },
  beginSetup: {
    method: 'POST',
    path: '/me/2fa/setup',
    session: 'required',
    duringRequiredSetup: true,
    stepUp: true,
    request: Empty,
    response: twoFactor.SetupResponse,
    status: 200,
  },
  verifySetup: {
    method: 'POST',
    path: '/me/2fa/verify',
    session: 'required',
    duringRequiredSetup: true,
    request: twoFactor.VerifySetupRequest,
    response: twoFactor.BackupCodesResponse,
    status: 200,
  },
  confirmSetup: {
    method: 'POST',
    path: '/me/2fa/confirm',
    session: 'required',
    duringRequiredSetup: true,
    request: twoFactor.ConfirmSetupRequest,
    response: twoFactor.ConfirmSetupResponse,
    status: 200,
  },
  cancelSetup: {
    method: 'POST',
    path: '/me/2fa/setup/cancel',
    session: 'required',
    duringRequiredSetup: true,
    request: twoFactor.CancelSetupRequest,
    response: twoFactor.SetupCancelledResponse,
    status: 200,
  },
  resetTwoFactor: {
    method: 'POST',
    path: '/me/2fa/reset',
    session: 'required',
    request: twoFactor.PasswordConfirmation,
    response: twoFactor.ResetTwoFactorResponse,
    status: 200,
  },
  regenerateBackupCodes: {
    method: 'POST',
    path: '/me/2fa/backup-codes',
    session: 'required',
    request: twoFactor.PasswordConfirmation,
    response: twoFactor.BackupCodesResponse,
    status: 200,
  },
  securityEvents: {
    method: 'GET',
    path: '/me/security-events',
    session: 'required',
    request: securityEvents.SecurityEventsQuery,
    response: twoFactor.SecurityEventsResponse,
    status: 200,
  },
  beginAuthenticatorChange: {
    method: 'POST',
    path: '/me/2fa/authenticator/change',
    session: 'required',
    stepUp: true,
    request: Empty,
    response: twoFactor.SetupResponse,
    status: 200,
  },
  verifyAuthenticatorChange: {
    method: 'POST',
    path: '/me/2fa/authenticator/change/verify',
    session: 'required',
    // The old secret is replaced here, so the password must still be fresh at this moment, not only at the start.
    stepUp: true,
    request: authenticatorChange.VerifyAuthenticatorChangeRequest,
    response: authenticatorChange.AuthenticatorChangedResponse,
    status: 200,
  },
  cancelAuthenticatorChange: {
    method: 'POST',
    path: '/me/2fa/authenticator/change/cancel',
    session: 'required',
    request: authenticatorChange.CancelAuthenticatorChangeRequest,
    response: authenticatorChange.AuthenticatorChangeCancelledResponse,
    status: 200,
  },
  // Signed-in workstations: remembered workstations (SECURUS_REMEMBER_DEVICE_DAYS) and active sessions.
  workstations: {
    method: 'GET',
    path: '/me/workstations',
    session: 'required',
    request: null,
    response: workstations.WorkstationsResponse,
    status: 200,
  },
  forgetWorkstation: {
    method: 'POST',
    path: '/me/workstations/forget',
    session: 'required',
    request: workstations.ForgetWorkstationRequest,
    response: workstations.WorkstationForgottenResponse,
    status: 200,
  },
  endSession: {
    method: 'POST',
    path: '/me/sessions/end',
    session: 'required',
    request: workstations.EndSessionRequest,
    response: workstations.SessionEndedResponse,
    status: 200,
  },
  // Administrators (docs/operating-the-server.md): every account's 2FA state, and the actions that help its owner.
  adminListSupervisors: {
    method: 'GET',
    path: '/admin/supervisors',
    session: 'required',
    admin: true,
    request: admin.SupervisorsQuery,
    response: admin.SupervisorsResponse,
    status: 200,
  },
  adminResetTwoFactor: {
    method: 'POST',
    path: '/admin/supervisors/2fa/reset',
    session: 'required',
    admin: true,
    stepUp: true,
    request: admin.AdminActionRequest,
    response: admin.AdminResetTwoFactorResponse,
    status: 200,
  },
  adminUnlock: {
    method: 'POST',
    path: '/admin/supervisors/unlock',
    session: 'required',
    admin: true,
    stepUp: true,
    request: admin.AdminActionRequest,
    response: admin.AdminUnlockResponse,
    status: 200,
  },
  adminRequireNewBackupCodes: {
    method: 'POST',
    path: '/admin/supervisors/backup-codes/revoke',
    session: 'required',
    admin: true,
    stepUp: true,
    request: admin.AdminActionRequest,
    response: admin.AdminRevokeBackupCodesResponse,
    status: 200,
  },
} as const satisfies Record<string, ApiRoute>;

export interface ApiRoute {
  method: 'GET' | 'POST';
  path: string;
  session: 'none' | 'required';
  stepUp?: boolean;
  admin?: boolean;
  duringRequiredSetup?: boolean;
  request: z.ZodType | null;
  response: z.ZodType;
  status: number;
}

export type ApiRouteName = keyof typeof apiRoutes;
type RouteOf<N extends ApiRouteName> = (typeof apiRoutes)[N];
export type ApiRequest<N extends ApiRouteName> = RouteOf<N>['request'] extends z.ZodType
  ? z.input<RouteOf<N>['request']>
  : undefined;
export type ApiResponse<N extends ApiRouteName> = z.infer<RouteOf<N>['response']>;
