import { z } from 'zod';

/** A channel that takes nothing: `{}` and no other key. */
export const NoInput = z.object({}).strict();
