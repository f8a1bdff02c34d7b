// Run in a child process with its own environment (no D-Bus, a locked keyring): prints what createSecretStore chose.
import { createRequire } from 'node:module';
import { createSecretStore, type KeytarApi } from '../../../electron/main/services/secret-store';

const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;
const notices: string[] = [];
const store = await createSecretStore(keytar, {
  service: 'Securus Console test',
  probeTimeoutMs: 5000,
  onFallback: (notice, reason) => notices.push(`${notice} (${reason})`),
});
await store.set('session', 'secret-token');
const readBack = await store.get('session');
await store.delete('session');
process.stdout.write(JSON.stringify({ kind: store.kind, notices, readBack }));
