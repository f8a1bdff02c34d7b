import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { Theme } from '../../../shared/ipc/contract';

/** Per-user preferences, in a JSON file under the app's userData folder. Never secrets. */
export const UserSettings = z.object({
  theme: Theme.default('system'),
  /** Used only when no machine policy names a server (see docs/policy.md). */
  serverUrl: z.string().max(2048).optional(),
});
export type UserSettings = z.infer<typeof UserSettings>;

export interface SettingsStore {
  read(): Promise<UserSettings>;
  update(change: Partial<UserSettings>): Promise<UserSettings>;
}

export function createSettingsStore(settingsFile: string): SettingsStore {
  async function read(): Promise<UserSettings> {
    let text: string;
    try {
      text = await readFile(settingsFile, 'utf8');
    } catch {
      return UserSettings.parse({});
    }
    try {
      const parsed = UserSettings.safeParse(JSON.parse(text));
      // A damaged or hand-edited file falls back to defaults rather than stopping the console.
      return parsed.success ? parsed.data : UserSettings.parse({});
    } catch {
      return UserSettings.parse({});
    }
  }

  // Updates run one after another: two quick clicks must not interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();
  async function write(change: Partial<UserSettings>): Promise<UserSettings> {
    const next = UserSettings.parse({ ...(await read()), ...change });
    await mkdir(dirname(settingsFile), { recursive: true });
    // Write then rename, so a crash mid-write never leaves half a file.
    const temporary = `${settingsFile}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, settingsFile);
    return next;
  }

  return {
    read,
    update(change) {
      const result = queue.then(() => write(change));
      queue = result.catch(() => undefined);
      return result;
    },
  };
}
