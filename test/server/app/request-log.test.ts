import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../harness';

describe('request log', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ listen: false });
  });
  afterAll(async () => server.close());

  it('writes one line per answered request with method, URL without its query, address, status and time', async () => {
    const before = server.logLines.length;
    await server.app.inject({ method: 'GET', url: '/api/v1/health?probe=1' });
    const lines = server.logLines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const requestLines = lines.filter((line) => line.req !== undefined || line.res !== undefined);
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatchObject({
      msg: 'request completed',
      req: { method: 'GET', url: '/api/v1/health', remoteAddress: '127.0.0.1' },
      res: { statusCode: 200 },
    });
    expect(requestLines[0]!.responseTime).toEqual(expect.any(Number));
  });
});
