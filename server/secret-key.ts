import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type SecretKey, type ServerConfig } from './config';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The keys that seal TOTP secrets. Configured keys win; in embedded mode (SQLite) a key is generated once into
 * `<dataDir>/secret.key` (mode 0600, `<id>:<base64>`), outside the database it protects. With PostgreSQL every
 * instance must share one key, so it has to be configured.
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
  const file = join(config.dataDir, SECRET_KEY_FILE);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const [id, key] = readFileSync(file, 'utf8').trim().split(':');
  if (!id || !key || Buffer.from(key, 'base64').length !== 32) {
    throw new ConfigError(`${file} is not a Securus secret key (expected <id>:<32 bytes base64>)`);
  }
  return [{ id, key }];
}
