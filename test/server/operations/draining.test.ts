import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startTestServer } from '../harness';
import { PASSWORD } from './accounts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: { code?: string } };
}

/** A sign-in over the given agent's connection(s). */
function signIn(agent: Agent, baseUrl: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${baseUrl}/auth/login`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (incoming) => {
        let text = '';
        incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
        incoming.on('end', () =>
          resolve({
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            body: JSON.parse(text) as Answer['body'],
          }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(JSON.stringify({ username: 'ann', password: PASSWORD }));
  });
}

describe('a server that is stopping', () => {
  it('finishes the request in flight and answers the next one on that connection server_busy', async () => {
    const server = await startTestServer();
    await server.createUser({ username: 'ann', password: PASSWORD });
    // One keep-alive connection: the second request waits on it behind the first, as a console's would.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = signIn(agent, server.baseUrl);
      const second = signIn(agent, server.baseUrl);
      while (server.app.securus.passwords.load.running === 0) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      const closing = server.close();
      expect((await first).status).toBe(200);
      const refused = await second;
      expect({ status: refused.status, code: refused.body.error?.code }).toEqual({ status: 503, code: 'server_busy' });
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.headers.connection).toBe('close');
      await closing;
    } finally {
      agent.destroy();
    }
  });
});
