import { z } from 'zod';
import { CodeInput, IsoDateTime } from './common';

/**
 * Change authenticator app while 2FA stays on: a replacement enrollment (its QR code and setup key answer as
 * `SetupResponse`), verified with a code from the new app, which at once takes the old secret's place.
 */
const EnrollmentId = z.string().min(1).max(128);

export const VerifyAuthenticatorChangeRequest = z.object({ enrollmentId: EnrollmentId, code: CodeInput }).strict();
export const AuthenticatorChangedResponse = z.object({
  status: z.literal('changed'),
  changedAt: IsoDateTime,
  message: z.string(),
});
export type AuthenticatorChangedResponse = z.infer<typeof AuthenticatorChangedResponse>;

export const CancelAuthenticatorChangeRequest = z.object({ enrollmentId: EnrollmentId }).strict();
export const AuthenticatorChangeCancelledResponse = z.object({ status: z.literal('cancelled') });
