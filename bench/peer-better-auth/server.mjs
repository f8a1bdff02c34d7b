// The peer in `npm run bench`: a small better-auth server (pinned in this folder's package.json, apart from the
// product's dependencies) with its twoFactor plugin at its default TOTP settings, on SQLite through better-sqlite3
// and better-auth's Kysely SQLite support. Started by bench/peer.ts in its own process; prints one READY line.
//
// Environment: PEER_DATA_DIR (required; the SQLite file goes there), PEER_SECRET (32+ characters).
// Routes: GET /health is answered by this http server without touching better-auth (the node:http floor);
// everything under /api/auth/ goes to better-auth through toNodeHandler (its own bare route: GET /api/auth/ok).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { twoFactor } from 'better-auth/plugins/two-factor';

const dataDir = process.env.PEER_DATA_DIR;
if (!dataDir) {
  throw new Error('PEER_DATA_DIR is required');
}

const sqlite = new Database(join(dataDir, 'peer.sqlite'));
// The same durability class as the Securus server (server/db/connect.ts): a commit survives a process crash, an
// OS crash may drop the last few. better-sqlite3's default (rollback journal, synchronous=FULL) would fsync every
// write and measure the disk instead of the code.
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
sqlite.pragma('busy_timeout = 5000');

// scrypt (better-auth's default) makes preparing thousands of sign-ins slow. The verify-totp endpoint under test
// never touches a password, so a fast salted hash for the bench's setup changes nothing it measures.
const password = {
  hash: async (plain) => {
    const salt = randomBytes(16).toString('hex');
    return `${salt}:${createHash('sha256').update(`${salt}:${plain}`).digest('hex')}`;
  },
  verify: async ({ hash, password: plain }) => {
    const [salt, digest] = hash.split(':');
    const expected = Buffer.from(digest ?? '', 'hex');
    const actual = createHash('sha256').update(`${salt}:${plain}`).digest();
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },
};

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
const address = server.address();
const baseURL = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const auth = betterAuth({
  appName: 'Peer',
  baseURL,
  secret: process.env.PEER_SECRET ?? randomBytes(32).toString('hex'),
  database: sqlite,
  emailAndPassword: { enabled: true, password },
  // Left to its default: on only when NODE_ENV=production (bench/peer.ts starts this process without it).
  // rateLimit: { enabled: ... },
  telemetry: { enabled: false },
  plugins: [twoFactor()],
});
const { runMigrations } = await getMigrations(auth.options);
await runMigrations();

const authHandler = toNodeHandler(auth);
server.on('request', (request, response) => {
  if (request.url === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  void authHandler(request, response);
});

const context = await auth.$context;
console.log(
  `READY ${JSON.stringify({ url: baseURL, rateLimitEnabled: context.rateLimit.enabled, nodeEnv: process.env.NODE_ENV ?? null })}`,
);

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
