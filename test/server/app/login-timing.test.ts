import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startTestServer, type TestServer } from '../harness';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe('password login timing', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Fourteen wrong passwords in a row: the guard's delays (password-guard.test.ts) must not cut the check short.
    server = await startTestServer({
      listen: false,
      config: { passwordGuard: { accountFreeFailures: 20, addressFreeFailures: 100, maxDelayMinutes: 15 } },
    });
    await server.createUser({ username: 'known', password: 'correct horse battery staple' });
  });
  afterAll(async () => server.close());

  async function timed(username: string): Promise<number> {
    const started = performance.now();
    const reply = await callApi(server, 'POST', '/auth/login', { username, password: 'not the password at all' });
    expect(reply.status).toBe(401);
    return performance.now() - started;
  }

  it('spends a full argon2id check on unknown usernames too, so time does not reveal who exists', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      known.push(await timed('known'));
      unknown.push(await timed(`unknown-${i}`));
    }
    // Without the stand-in hash an unknown name answers in about a millisecond against tens for a real check.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.33);
    expect(ratio).toBeLessThan(3);
  });
});
