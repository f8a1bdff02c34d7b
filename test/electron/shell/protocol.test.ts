import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_SCHEME_DEFINITION,
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  enforceContentSecurityPolicy,
  registerAppScheme,
  serveAppScheme,
} from '../../../electron/main/protocol';

function rendererFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'securus-protocol-'));
  const renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Securus Console</title>');
  writeFileSync(join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(renderer, 'assets', 'index-abc.js.map'), '{}');
  writeFileSync(join(root, 'secret.txt'), 'outside the renderer');
  return renderer;
}

const serve = createAppRequestHandler(rendererFolder());
const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the packaged index page with the strict CSP and nosniff', async () => {
    const response = await get('app://console/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Securus Console</title>');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
    expect(csp.split('; ')[0]).toBe("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*|https?:/);
  });

  it('serves the root as the index page and scripts as JavaScript, each with the CSP', async () => {
    const root = await get('app://console/');
    expect(await root.text()).toContain('Securus Console');
    const script = await get('app://console/assets/index-abc.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    ['a missing file', 'app://console/missing.js'],
    ['another host', 'app://elsewhere/index.html'],
    ['a file type it does not serve (source maps)', 'app://console/assets/index-abc.js.map'],
    ['an encoded path traversal', 'app://console/%2e%2e/secret.txt'],
    ['an encoded slash traversal', 'app://console/assets/..%2f..%2fsecret.txt'],
    ['a malformed escape', 'app://console/%E0%A4%A'],
  ])('answers 404, still with the CSP, for %s', async (_case, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).not.toContain('outside the renderer');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://console/index.html', 'POST')).status).toBe(405);
    const head = await get('app://console/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers the scheme as standard and secure, and serves it through protocol.handle', async () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([APP_SCHEME_DEFINITION]);
    expect(APP_SCHEME_DEFINITION.privileges).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_DEFINITION.privileges).not.toHaveProperty('bypassCSP');

    let handled: { scheme: string; handler: (request: Request) => Response | Promise<Response> } | undefined;
    serveAppScheme({ handle: (scheme, handler) => (handled = { scheme, handler }) }, rendererFolder());
    expect(handled?.scheme).toBe('app');
    const response = await handled!.handler(new Request('app://console/index.html'));
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('CSP on every other response of the session', () => {
  it('adds the same policy to http(s) responses, replacing none of their other headers', () => {
    type Listener = (
      details: { responseHeaders?: Record<string, string[]> },
      callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
    ) => void;
    let listener: Listener | undefined;
    const session = { webRequest: { onHeadersReceived: (installed: Listener) => (listener = installed) } };
    enforceContentSecurityPolicy(session as unknown as Parameters<typeof enforceContentSecurityPolicy>[0]);
    let answered: Record<string, string[]> | undefined;
    listener!({ responseHeaders: { 'X-Server': ['securus'] } }, (response) => (answered = response.responseHeaders));
    expect(answered).toEqual({ 'X-Server': ['securus'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe("the renderer's own CSP", () => {
  it('repeats in renderer/index.html the policy the protocol sends (frame-ancestors aside, which a meta tag cannot set)', () => {
    const html = readFileSync(join(import.meta.dirname, '../../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    const directives = (policy: string) =>
      policy
        .split(';')
        .map((directive) => directive.trim())
        .filter((directive) => directive !== '' && !directive.startsWith('frame-ancestors'))
        .sort();
    expect(meta).toBeDefined();
    expect(directives(meta!)).toEqual(directives(CONTENT_SECURITY_POLICY));
  });
});
