import { z } from 'zod';
import { IsoDateTime } from './common';

/** A device token as the console keeps it: 256 bits, base64url (43 characters). */
export const DeviceToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a device token.');

/** The name the console gives the workstation it remembers (the computer's name), shown in the owner's list. */
export const WorkstationLabel = z
  .string()
  .trim()
  .min(1, 'Name the workstation.')
  .max(64, 'A workstation name has at most 64 characters.')
  .regex(/^[^\p{Cc}]+$/u, 'A workstation name cannot contain control characters.');

/** Issued by the second-factor step when asked to remember the workstation and the policy allows it. */
export const IssuedDeviceToken = z.object({ token: DeviceToken, expiresAt: IsoDateTime });
export type IssuedDeviceToken = z.infer<typeof IssuedDeviceToken>;

export const RememberedWorkstation = z.object({
  id: z.string(),
  label: z.string(),
  createdAt: IsoDateTime,
  lastUsedAt: IsoDateTime.nullable(),
  expiresAt: IsoDateTime,
});
export type RememberedWorkstation = z.infer<typeof RememberedWorkstation>;

export const ActiveSessionEntry = z.object({
  id: z.string(),
  createdAt: IsoDateTime,
  lastSeenAt: IsoDateTime,
  /** The session that asked for this list. */
  current: z.boolean(),
});
export type ActiveSessionEntry = z.infer<typeof ActiveSessionEntry>;

export const WorkstationsResponse = z.object({
  rememberedWorkstations: z.array(RememberedWorkstation),
  sessions: z.array(ActiveSessionEntry),
});
export type WorkstationsResponse = z.infer<typeof WorkstationsResponse>;

const EntryId = z.string().min(1).max(64);

export const ForgetWorkstationRequest = z.object({ id: EntryId }).strict();
export const WorkstationForgottenResponse = z.object({ status: z.literal('forgotten') });

export const EndSessionRequest = z.object({ id: EntryId }).strict();
/** `current`: the caller's own session ended (a sign-out); the console returns to the sign-in page. */
export const SessionEndedResponse = z.object({ status: z.literal('ended'), current: z.boolean() });
