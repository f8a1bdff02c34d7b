import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadServerConfig, type ServerConfig } from '../../server/config';
import { launchServer, type LaunchedServer } from '../../server/launch';
import { createTestPki, type TestPki } from '../support/tls-certificates';
import { openLogCapture } from './log-capture';
import { startServerProcess } from './operations/server-process';

const capture = openLogCapture();
const quietly = { logSink: (line: string) => capture?.logLine(line) };
const DAY_MS = 24 * 60 * 60_000;

let pki: TestPki;
let ca: { certFile: string; keyFile: string };
let leaf: { certFile: string; keyFile: string };
beforeAll(() => {
  pki = createTestPki();
  ca = pki.newAuthority('Securus Test Root CA');
  leaf = pki.issueServerCertificate(ca, 'securus.test');
});
afterAll(() => pki.remove());

function tlsConfig(dataDir: string, files: { certFile: string; keyFile: string }): ServerConfig {
  const env = { SECURUS_DATA_DIR: dataDir, SECURUS_TLS_CERT: files.certFile, SECURUS_TLS_KEY: files.keyFile };
  return { ...loadServerConfig(env), port: 0 };
}

/** GET over HTTPS trusting only the test CA: the answer's status, or the TLS error's code. */
function httpsStatus(url: string, caPem: string): Promise<number | string> {
  return new Promise((resolve) => {
    request(url, { ca: caPem }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
      .end();
  });
}

describe('SECURUS_TLS_CERT / SECURUS_TLS_KEY', () => {
  let dataDir = '';
  let server: LaunchedServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves HTTPS with the configured certificate, and only HTTPS', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-tls-'));
    server = await launchServer(tlsConfig(dataDir, leaf), quietly);
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const caPem = readFileSync(ca.certFile, 'utf8');
    expect(await httpsStatus(`${server.url}/api/v1/health`, caPem)).toBe(200);
    const plain = await fetch(server.url.replace('https:', 'http:') + '/api/v1/health').then(
      (response) => response.status,
      () => 'refused',
    );
    expect(plain).not.toBe(200);
  });

  it.each([
    [
      'an unreadable certificate',
      () => ({ ...leaf, certFile: join(pki.dir, 'missing.crt') }),
      /^SECURUS_TLS_CERT \(.*missing\.crt\) cannot be read \(ENOENT\)/,
    ],
    [
      'an unreadable key',
      () => ({ ...leaf, keyFile: join(pki.dir, 'missing.key') }),
      /^SECURUS_TLS_KEY \(.*missing\.key\) cannot be read \(ENOENT\)/,
    ],
    [
      'a certificate file holding no certificate',
      () => ({ ...leaf, certFile: leaf.keyFile }),
      /^SECURUS_TLS_CERT .* holds no PEM certificate/,
    ],
    [
      'a key file holding no key',
      () => ({ ...leaf, keyFile: leaf.certFile }),
      /^SECURUS_TLS_KEY .* holds no unencrypted PEM private key/,
    ],
    [
      'the key of another certificate',
      () => ({ ...leaf, keyFile: ca.keyFile }),
      /^SECURUS_TLS_KEY .* is not the private key of the certificate in SECURUS_TLS_CERT/,
    ],
  ])('refuses to start with %s, naming the variable', async (_name, files, message) => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-tls-'));
    const started = launchServer(tlsConfig(dataDir, files()), quietly);
    await expect(started).rejects.toThrow(ConfigError);
    await expect(started).rejects.toThrow(message);
  });

  it('refuses an expired certificate, and one not valid yet, by the server clock', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-tls-'));
    const config = tlsConfig(dataDir, leaf);
    const later = { ...quietly, clock: { now: () => Date.now() + 3 * DAY_MS } };
    await expect(launchServer(config, later)).rejects.toThrow(
      /^SECURUS_TLS_CERT .*: the certificate expired on \d{4}-/,
    );
    const earlier = { ...quietly, clock: { now: () => Date.now() - DAY_MS } };
    await expect(launchServer(config, earlier)).rejects.toThrow(
      /^SECURUS_TLS_CERT .*: the certificate is valid only from/,
    );
  });

  it('needs both variables', () => {
    expect(() => loadServerConfig({ SECURUS_TLS_CERT: leaf.certFile })).toThrow(
      /SECURUS_TLS_KEY \(tls\.keyFile\): must be set together with SECURUS_TLS_CERT/,
    );
  });

  it('npm run server exits 1 with the message when the key does not fit', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'securus-tls-'));
    const wrongKey = join(dataDir, 'wrong.key');
    copyFileSync(ca.keyFile, wrongKey);
    const started = startServerProcess({
      SECURUS_DATA_DIR: dataDir,
      SECURUS_TLS_CERT: leaf.certFile,
      SECURUS_TLS_KEY: wrongKey,
    });
    await expect(started).rejects.toThrow(/SECURUS_TLS_KEY \(.*wrong\.key\) is not the private key of the certificate/);
  });
});
