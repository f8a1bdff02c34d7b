import { ConfigError, loadServerConfig } from './config';
import { launchServer } from './launch';

// `npm run server`: configuration from the environment (and SECURUS_CONFIG), then listen until a signal.
try {
  const config = loadServerConfig();
  const server = await launchServer(config);
  console.log(`Securus auth server listening on ${server.url} (API under ${server.url}/api/v1)`);
  console.log(`Storage: ${config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`}`);
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
