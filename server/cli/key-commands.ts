import type { ServerConfig } from '../config';
import { openDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { keyUsage, resealSecrets, type KeyContext, type KeyUsage, type ResealProgress } from '../domain/key-rotation';
import {
  createSecretBox,
  keyFilePath,
  newSecretKey,
  readSecretKeys,
  resolveSecretKeys,
  writeKeyFile,
} from '../secret-key';

type Outcome = { output: string; exitCode: 0 | 1 };

async function withKeyContext<T>(config: ServerConfig, work: (ctx: KeyContext) => Promise<T>): Promise<T> {
  const storage = openDatabase(config);
  try {
    await migrateToLatest(storage);
    return await work({ db: storage.db, secretBox: createSecretBox(config) });
  } finally {
    await storage.close();
  }
}

/** A server that sealed a value under the old key just before it saw the new one is caught by a later pass. */
const MAX_PASSES = 5;
const PASS_GAP_MS = 700;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function inUse(usage: KeyUsage): number {
  return usage.twoFactorSecrets + usage.pendingSetups + usage.unusedBackupCodes;
}

function describeUsage(config: ServerConfig, usage: KeyUsage[]): string[] {
  return usage.map((key) => {
    const counts = `${plural(key.twoFactorSecrets, '2FA secret')}, ${plural(key.pendingSetups, 'pending setup')}, ${plural(key.unusedBackupCodes, 'unused backup code')}`;
    if (key.current) {
      return `Key ${key.keyId} (current): ${counts}.`;
    }
    if (!key.known) {
      return `Key ${key.keyId} (this server does not have it): ${counts}. These cannot be opened: restore that key.`;
    }
    if (inUse(key) === 0) {
      const where = config.secretKeys ? 'remove it from SECURUS_PREVIOUS_SECRET_KEYS' : 'it can be removed';
      return `Key ${key.keyId}: nothing needs it any more; ${where} (npm run securus -- secret-key retire ${key.keyId}).`;
    }
    if (key.twoFactorSecrets + key.pendingSetups === 0) {
      return `Key ${key.keyId}: ${counts}. Backup codes are stored only as keyed hashes and cannot be hashed anew: keep the key until they are used or regenerated.`;
    }
    return `Key ${key.keyId}: ${counts}. Still needed: run rotate again.`;
  });
}

function exitCodeOf(usage: KeyUsage[], progress?: ResealProgress): 0 | 1 {
  return (progress?.unreadable ?? 0) > 0 || usage.some((key) => !key.known && inUse(key) > 0) ? 1 : 0;
}

/**
 * Key file (embedded SQLite): adds a new current key to it, which running servers take up within a second.
 * Configured keys (PostgreSQL): the operator has already put the new key in SECURUS_SECRET_KEY and the old one in
 * SECURUS_PREVIOUS_SECRET_KEYS and restarted. Either way every stored secret is then sealed again under the
 * current key, in batches, while servers run; the report says what each key is still needed for.
 */
export async function rotateKeys(config: ServerConfig, batchSize: number): Promise<Outcome> {
  const lines: string[] = [];
  if (!config.secretKeys) {
    const keys = resolveSecretKeys(config);
    const added = newSecretKey(keys);
    writeKeyFile(config, [added, ...keys]);
    lines.push(`Added key ${added.id} to ${keyFilePath(config)} as the current key; running servers take it up.`);
  }
  return withKeyContext(config, async (ctx) => {
    const total: ResealProgress = { resealed: 0, changedMeanwhile: 0, unreadable: 0 };
    for (let pass = 0; pass < MAX_PASSES; pass += 1) {
      const progress = await resealSecrets(ctx, { batchSize, pauseMs: 20 });
      total.resealed += progress.resealed;
      total.changedMeanwhile += progress.changedMeanwhile;
      total.unreadable = progress.unreadable;
      if (progress.resealed + progress.changedMeanwhile === 0) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, PASS_GAP_MS));
    }
    lines.push(
      `Sealed ${plural(total.resealed, 'secret')} again under key ${ctx.secretBox.currentKeyId} (${total.changedMeanwhile} changed by a server meanwhile, ${total.unreadable} unreadable).`,
    );
    if (config.secretKeys && total.resealed === 0) {
      lines.push(
        'To rotate configured keys: put a new key (openssl rand -base64 32) in SECURUS_SECRET_KEY with a new SECURUS_SECRET_KEY_ID, add the old id:key to SECURUS_PREVIOUS_SECRET_KEYS, restart every server, then run this again.',
      );
    }
    const usage = await keyUsage(ctx);
    return { output: [...lines, ...describeUsage(config, usage)].join('\n'), exitCode: exitCodeOf(usage, total) };
  });
}

export async function keyStatus(config: ServerConfig): Promise<Outcome> {
  return withKeyContext(config, async (ctx) => {
    const usage = await keyUsage(ctx);
    return { output: describeUsage(config, usage).join('\n'), exitCode: exitCodeOf(usage) };
  });
}

/** Removes a key from the key file once no stored value needs it; configured keys are removed by the operator. */
export async function retireKey(config: ServerConfig, keyId: string): Promise<Outcome> {
  return withKeyContext(config, async (ctx) => {
    const usage = (await keyUsage(ctx)).find((key) => key.keyId === keyId);
    if (!usage || !usage.known) {
      throw new Error(`there is no key ${keyId} (keys: ${ctx.secretBox.keyIds.join(', ')}).`);
    }
    if (usage.current) {
      throw new Error(`${keyId} is the current key; rotate first.`);
    }
    if (inUse(usage) > 0) {
      throw new Error(`${keyId} is still needed: ${describeUsage(config, [usage]).join('')}`);
    }
    if (config.secretKeys) {
      return {
        output: `Nothing needs key ${keyId}: remove it from SECURUS_PREVIOUS_SECRET_KEYS and restart the servers.`,
        exitCode: 0,
      };
    }
    const keys = readSecretKeys(config) ?? [];
    writeKeyFile(
      config,
      keys.filter((key) => key.id !== keyId),
    );
    return { output: `Removed key ${keyId} from ${keyFilePath(config)}.`, exitCode: 0 };
  });
}
