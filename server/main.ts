import { ConfigError, loadServerConfig } from './config';
import { DEFAULT_SHUTDOWN_TIMEOUT_SECONDS } from './config-operations';
import { join } from 'node:path';
import { launchServer } from './launch';
import { OUTBOX_DIR_NAME } from './mail/mailer';
import { stopOnSignals } from './shutdown';

// `npm run server`: configuration from the environment (and SECURUS_CONFIG), then listen until a signal.
try {
  const config = loadServerConfig();
  const server = await launchServer(config);
  console.log(`Securus auth server listening on ${server.url} (API under ${server.url}/api/v1)`);
  console.log(`Storage: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}`);
  console.log(`Mail: ${config.smtpUrl ? 'SMTP relay' : `.eml files in ${join(config.dataDir, OUTBOX_DIR_NAME)}`}`);
  if (config.trustProxy?.length) {
    console.log(`Client addresses from X-Forwarded-For of: ${config.trustProxy.join(', ')}`);
  }
  if (server.metricsUrl) {
    console.log(`Metrics on ${server.metricsUrl}`);
  }
  stopOnSignals(server, {
    timeoutMs: (config.shutdownTimeoutSeconds ?? DEFAULT_SHUTDOWN_TIMEOUT_SECONDS) * 1000,
    say: (line) => console.log(line),
    exit: (code) => process.exit(code),
  });
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Securus server failed to start: ${(error as Error).message}`,
  );
  process.exit(1);
}
