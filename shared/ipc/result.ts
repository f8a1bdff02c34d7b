import { z } from 'zod';
import { ERROR_CODES, type SecurusErrorInfo } from '../errors';

/** What every IPC call resolves to: Electron flattens thrown errors to strings, so failures travel as values. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: SecurusErrorInfo };

export const IpcErrorInfo = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  retryAfterSeconds: z.number().int().nonnegative().optional(),
  attemptsRemaining: z.number().int().nonnegative().optional(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export function ipcResultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: IpcErrorInfo }),
  ]);
}
