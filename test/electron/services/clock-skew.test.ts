import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, createHttpClient } from '../../../electron/main/services/api-client';
import { measureClockSkew } from '../../../electron/main/services/clock-skew';
import { downServerUrl, startHttpServer, type LoopbackServer } from '../support/loopback-servers';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function api(serverUrl: string) {
  return createApiClient(createHttpClient({ serverUrl, timeoutMs: 2000, caBundle: null }));
}

/** A server whose clock runs `offsetMs` ahead of this workstation's. */
async function serverWithClockOffset(offsetMs: number): Promise<string> {
  const server = await startHttpServer((_request, response) => {
    const epochMs = Date.now() + offsetMs;
    response.writeHead(200).end(JSON.stringify({ now: new Date(epochMs).toISOString(), epochMs }));
  });
  servers.push(server);
  return server.url;
}

describe('measureClockSkew', () => {
  it('reports the workstation clock minus the server clock, in seconds', async () => {
    expect(await measureClockSkew(api(await serverWithClockOffset(-90_000)))).toBeCloseTo(90, 0);
    expect(await measureClockSkew(api(await serverWithClockOffset(45_000)))).toBeCloseTo(-45, 0);
  });

  it('is null when the server time cannot be read', async () => {
    expect(await measureClockSkew(api(await downServerUrl()))).toBeNull();
  });
});
