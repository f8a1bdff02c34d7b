// The server under test, in its own process so autocannon (in the parent) does not share its event loop.
// Reads its configuration from the environment like `npm run server`, creates the accounts the parent asks for
// through the server's own account code (real argon2id hashes), then prints one READY line with its URL.
import { loadServerConfig } from '../server/config';
import { launchServer } from '../server/launch';

interface AccountRequest {
  prefix: string;
  count: number;
  password: string;
}

const requested = JSON.parse(process.env.BENCH_ACCOUNTS ?? '[]') as AccountRequest[];
// Log lines are still built (their cost is part of every request) but dropped instead of flooding the pipe.
const config = loadServerConfig();
const server = await launchServer(config, { logSink: () => undefined });
const created: Record<string, string[]> = {};
// Batches of the hashing concurrency: the queue admits only what it can serve within its wait bound and would
// answer a larger burst with server_busy.
const BATCH = config.passwordHashing.concurrency;
for (const { prefix, count, password } of requested) {
  const usernames = Array.from({ length: count }, (_unused, index) => `${prefix}-${index}`);
  for (let start = 0; start < usernames.length; start += BATCH) {
    await Promise.all(
      usernames
        .slice(start, start + BATCH)
        .map((username) => server.users.create({ username, password, email: `${username}@bench.securus.test` })),
    );
  }
  created[prefix] = usernames;
}
console.log(`READY ${JSON.stringify({ url: server.url, created })}`);

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
