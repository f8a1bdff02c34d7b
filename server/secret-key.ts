import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type SecretKey, type ServerConfig } from './config';
import { SecretBox } from './domain/secret-box';

export const SECRET_KEY_FILE = 'secret.key';

/** One key per line, `<id>:<32 bytes base64>`, the current key first (older ones still open what they sealed). */
export function parseKeyFile(text: string, file: string): SecretKey[] {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const keys = lines.map((line) => {
    const colon = line.indexOf(':');
    const id = line.slice(0, colon);
    const key = line.slice(colon + 1);
    if (colon < 1 || !/^[A-Za-z0-9_-]{1,32}$/.test(id) || Buffer.from(key, 'base64').length !== 32) {
      throw new ConfigError(`${file} is not a Securus secret key (expected <id>:<32 bytes base64> per line)`);
    }
    return { id, key };
  });
  if (keys.length === 0 || new Set(keys.map((key) => key.id)).size !== keys.length) {
    throw new ConfigError(`${file} must hold at least one key, each id once`);
  }
  return keys;
}

export function keyFilePath(config: Pick<ServerConfig, 'dataDir'>): string {
  return join(config.dataDir, SECRET_KEY_FILE);
}

/** Writes the key file whole and then renames it into place, so no reader ever sees half of it. */
export function writeKeyFile(config: Pick<ServerConfig, 'dataDir'>, keys: SecretKey[]): void {
  const file = keyFilePath(config);
  const staging = `${file}.${process.pid}.tmp`;
  writeFileSync(staging, keys.map(({ id, key }) => `${id}:${key}\n`).join(''), { mode: 0o600, flag: 'wx' });
  renameSync(staging, file);
}

/** The configured keys, or the key file's; null when there are none yet (nothing is generated here). */
export function readSecretKeys(config: ServerConfig): SecretKey[] | null {
  if (config.secretKeys) {
    return config.secretKeys;
  }
  const file = keyFilePath(config);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return null;
    }
    throw error;
  }
  return parseKeyFile(text, file);
}

/**
 * The keys that seal TOTP secrets. Configured keys win; in embedded mode (SQLite) a key is generated once into
 * `<dataDir>/secret.key` (mode 0600), outside the database it protects. With PostgreSQL every instance must share
 * one key, so it has to be configured.
 */
export function resolveSecretKeys(config: ServerConfig): SecretKey[] {
  if (config.secretKeys) {
    return config.secretKeys;
  }
  if (config.databaseUrl) {
    throw new ConfigError(
      'SECURUS_SECRET_KEY is required with DATABASE_URL: every server instance must share the key.',
    );
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(keyFilePath(config), `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  return readSecretKeys(config)!;
}

/**
 * The server's SecretBox. Keys from the key file are looked up again when the file changes, so a rotation
 * (`securus secret-key rotate`) reaches running servers without a restart; configured keys change by restart.
 */
export function createSecretBox(config: ServerConfig): SecretBox {
  const keys = resolveSecretKeys(config);
  if (config.secretKeys) {
    return new SecretBox(keys);
  }
  const file = keyFilePath(config);
  const stamp = () => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return stat ? `${stat.ino}:${stat.mtimeMs}:${stat.size}` : '';
  };
  let seen = stamp();
  return new SecretBox(keys, () => {
    const now = stamp();
    if (now === seen || now === '') {
      return null;
    }
    seen = now;
    try {
      return parseKeyFile(readFileSync(file, 'utf8'), file);
    } catch {
      return null; // a damaged file never takes keys away from a running server
    }
  });
}

/** A fresh key with the next free id (k1, k2, …). */
export function newSecretKey(existing: SecretKey[]): SecretKey {
  const ids = new Set(existing.map((key) => key.id));
  let n = existing.length + 1;
  while (ids.has(`k${n}`)) {
    n += 1;
  }
  return { id: `k${n}`, key: randomBytes(32).toString('base64') };
}
