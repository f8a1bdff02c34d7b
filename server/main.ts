import { ConfigError, loadServerConfig } from './config';
import { join } from 'node:path';
import { launchServer } from './launch';
import { OUTBOX_DIR_NAME } from './mail/mailer';

// `npm run server`: configuration from the environment (and SECURUS_CONFIG), then listen until a signal.
try {
  const config = loadServerConfig();
  const server = await launchServer(config);
  console.log(`Securus auth server listening on ${server.url} (API under ${server.url}/api/v1)`);
  console.log(`Storage: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}`);
  console.log(`Mail: ${config.smtpUrl ? 'SMTP relay' : `.eml files in ${join(config.dataDir, OUTBOX_DIR_NAME)}`}`);
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Securus server failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
}
