import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleFor } from '../support/console-services';
import { startRealServer, type RealServer } from '../support/real-server';

interface EventsPage {
  events: { id: string; type: string; method: string | null }[];
  nextBefore: string | null;
}

let server: RealServer;
beforeAll(async () => {
  server = await startRealServer();
});
afterAll(async () => {
  await server?.close();
});

describe('two-factor:list-security-events through the handlers and the real server', () => {
  it('pages older events: limit and before travel as the query of GET /me/security-events', async () => {
    const app = await consoleFor(server.url);
    try {
      const account = await server.createUser();
      for (let i = 0; i < 4; i += 1) {
        await app.value('auth:login', account);
      }
      const first = await app.value<EventsPage>('two-factor:list-security-events', { limit: 3 });
      expect(first.events.map(({ type, method }) => ({ type, method }))).toEqual(
        Array(3).fill({ type: 'login_succeeded', method: 'password' }),
      );
      expect(first.nextBefore).toBe(first.events[2]?.id);

      const older = await app.value<EventsPage>('two-factor:list-security-events', {
        limit: 3,
        before: first.nextBefore,
      });
      expect(older.events).toHaveLength(1);
      expect(older.nextBefore).toBeNull();
      expect(older.events[0]!.id < first.events[2]!.id).toBe(true);
    } finally {
      app.close();
    }
  });

  it('refuses more than 100 events a page before anything is sent', async () => {
    const app = await consoleFor(server.url);
    try {
      await app.value('auth:login', await server.createUser());
      const refused = await app.call('two-factor:list-security-events', { limit: 101 });
      expect(refused).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      expect(await app.call('two-factor:list-security-events', { before: 'x' })).toMatchObject({ ok: false });
    } finally {
      app.close();
    }
  });
});
