import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConsoleConfig, type ConsoleConfigSources } from '../../../electron/main/config/console-config';
import { policyPath } from '../../../electron/main/config/policy';

const POLICY = policyPath('linux');
const CA_PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
let dir: string;
let policyFile: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'securus-policy-'));
  policyFile = join(dir, 'policy.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The real file system, with the machine policy location redirected into a temporary folder. */
function sources(overrides: Partial<ConsoleConfigSources> = {}): ConsoleConfigSources {
  return {
    platform: 'linux',
    env: {},
    argv: [],
    readFile: (path) => readFile(path === POLICY ? policyFile : path, 'utf8'),
    ...overrides,
  };
}

describe('loadConsoleConfig', () => {
  it('uses a valid policy, which wins over user settings, environment and command line', async () => {
    const ca = join(dir, 'corp.pem');
    await writeFile(ca, CA_PEM);
    await writeFile(
      policyFile,
      JSON.stringify({
        serverUrl: 'https://securus.corp.example/',
        caBundlePath: ca,
        issuerDisplayName: 'Corp',
        helpContact: 'the IT service desk on extension 4357',
      }),
    );
    const result = await loadConsoleConfig(
      sources({
        env: { SECURUS_SERVER_URL: 'https://env.example' },
        argv: ['--server-url', 'https://argv.example'],
        userSettings: { serverUrl: 'https://user.example' },
      }),
    );
    expect(result).toMatchObject({
      ok: true,
      config: {
        serverUrl: 'https://securus.corp.example',
        serverUrlSource: 'policy',
        caBundle: CA_PEM,
        caBundlePath: ca,
        issuerDisplayName: 'Corp',
        requestTimeoutMs: 15_000,
        helpContact: 'the IT service desk on extension 4357',
        externalLinkOrigins: ['https://securus.corp.example'],
        policyFile: POLICY,
        policyFound: true,
      },
    });
  });

  it('without a policy file: user settings, then SECURUS_SERVER_URL, then --server-url', async () => {
    const all = { env: { SECURUS_SERVER_URL: 'https://env.example' }, argv: ['--server-url=https://argv.example'] };
    const user = await loadConsoleConfig(sources({ ...all, userSettings: { serverUrl: 'https://user.example' } }));
    expect(user).toMatchObject({
      ok: true,
      config: { serverUrl: 'https://user.example', serverUrlSource: 'user', policyFound: false, helpContact: null },
    });
    expect(await loadConsoleConfig(sources(all))).toMatchObject({ ok: true, config: { serverUrlSource: 'env' } });
    const argv = await loadConsoleConfig(sources({ argv: all.argv }));
    expect(argv).toMatchObject({ ok: true, config: { serverUrl: 'https://argv.example', serverUrlSource: 'argv' } });
  });

  it('requires https except for a loopback server', async () => {
    const remote = await loadConsoleConfig(sources({ env: { SECURUS_SERVER_URL: 'http://securus.corp.example' } }));
    expect(remote).toMatchObject({
      ok: false,
      problem: { field: 'SECURUS_SERVER_URL', message: expect.stringMatching(/https/) },
    });
    for (const url of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000']) {
      expect(await loadConsoleConfig(sources({ env: { SECURUS_SERVER_URL: url } }))).toMatchObject({ ok: true });
    }
    await writeFile(policyFile, JSON.stringify({ allowHttpLoopbackOnly: false }));
    const strict = await loadConsoleConfig(sources({ argv: ['--server-url', 'http://127.0.0.1:4000'] }));
    expect(strict).toMatchObject({ ok: false, problem: { file: 'command line', field: '--server-url' } });
  });

  it('reports an invalid policy by file and field', async () => {
    await writeFile(policyFile, JSON.stringify({ serverUrl: 'http://securus.corp.example' }));
    expect(await loadConsoleConfig(sources())).toEqual({
      ok: false,
      problem: { file: POLICY, field: 'serverUrl', message: expect.stringMatching(/https/) },
    });
    await writeFile(policyFile, '{"serverUrl": "https://a.example", "timeout": 3}');
    expect(await loadConsoleConfig(sources())).toMatchObject({
      ok: false,
      problem: { file: POLICY, field: 'timeout' },
    });
  });

  it('reports a policy that exists but cannot be read', async () => {
    await mkdir(policyFile);
    const result = await loadConsoleConfig(sources({ env: { SECURUS_SERVER_URL: 'https://env.example' } }));
    expect(result).toMatchObject({
      ok: false,
      problem: { file: POLICY, field: '(file)', message: expect.stringMatching(/EISDIR/) },
    });
  });

  it('reports a missing or empty CA bundle against caBundlePath', async () => {
    await writeFile(
      policyFile,
      JSON.stringify({ serverUrl: 'https://a.example', caBundlePath: join(dir, 'missing.pem') }),
    );
    expect(await loadConsoleConfig(sources())).toMatchObject({
      ok: false,
      problem: { field: 'caBundlePath', message: expect.stringMatching(/ENOENT/) },
    });
    const empty = join(dir, 'empty.pem');
    await writeFile(empty, 'not a certificate');
    await chmod(empty, 0o644);
    await writeFile(policyFile, JSON.stringify({ serverUrl: 'https://a.example', caBundlePath: empty }));
    expect(await loadConsoleConfig(sources())).toMatchObject({
      ok: false,
      problem: { field: 'caBundlePath', message: expect.stringMatching(/PEM/) },
    });
  });

  it('reports that no server is configured at all', async () => {
    expect(await loadConsoleConfig(sources())).toMatchObject({
      ok: false,
      problem: { file: POLICY, field: 'serverUrl' },
    });
  });
});
