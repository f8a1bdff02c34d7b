import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { denyAllPermissions, guardWebContents } from '../../../electron/main/guards';
import { FakeWebContents } from './fake-web-contents';

function guarded() {
  const contents = new FakeWebContents();
  const offered: string[] = [];
  guardWebContents(contents as unknown as WebContents, {
    openExternalIfAllowed: async (url) => {
      offered.push(url);
      return url.startsWith('https://docs.securus.example/');
    },
  });
  return { contents, offered };
}

describe('navigation guards', () => {
  it('lets the console navigate within its own pages', () => {
    const { contents, offered } = guarded();
    expect(contents.navigate('will-navigate', 'app://console/index.html#/settings')).toBe(false);
    expect(contents.navigate('will-frame-navigate', 'app://console/index.html')).toBe(false);
    expect(offered).toEqual([]);
  });

  it.each([
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://other/index.html',
    'javascript:alert(1)',
    'not a url',
  ])('refuses to navigate the window to %s', (url) => {
    const { contents } = guarded();
    expect(contents.navigate('will-navigate', url)).toBe(true);
    expect(contents.navigate('will-frame-navigate', url)).toBe(true);
    expect(contents.navigate('will-redirect', url)).toBe(true);
  });

  it('offers a link the page navigates to (main frame only) to the external allow-list, once', () => {
    const { contents, offered } = guarded();
    contents.navigate('will-navigate', 'https://docs.securus.example/help');
    contents.navigate('will-frame-navigate', 'https://docs.securus.example/help');
    contents.navigate('will-redirect', 'https://docs.securus.example/other');
    expect(offered).toEqual(['https://docs.securus.example/help']);
  });

  it('denies every window.open, even for the app itself, and offers the URL to the allow-list', () => {
    const { contents, offered } = guarded();
    expect(contents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(contents.openWindow('https://docs.securus.example/help')).toEqual({ action: 'deny' });
    expect(contents.openWindow('app://console/index.html')).toEqual({ action: 'deny' });
    expect(offered).toEqual(['https://evil.example/', 'https://docs.securus.example/help', 'app://console/index.html']);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = guarded();
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, {});
    expect(prevented).toBe(true);
  });
});

describe('a browser that fails to open', () => {
  it('leaves the console where it is, without an unhandled rejection', async () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as unknown as WebContents, {
      openExternalIfAllowed: () => Promise.reject(new Error('no browser')),
    });
    expect(contents.navigate('will-navigate', 'https://docs.securus.example/')).toBe(true);
    expect(contents.openWindow('https://docs.securus.example/')).toEqual({ action: 'deny' });
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('installs its handlers once, however often it is applied', () => {
    const contents = new FakeWebContents();
    const offered: string[] = [];
    const policy = { openExternalIfAllowed: async (url: string) => (offered.push(url), true) };
    guardWebContents(contents as unknown as WebContents, policy);
    guardWebContents(contents as unknown as WebContents, policy);
    contents.navigate('will-navigate', 'https://docs.securus.example/');
    expect(offered).toEqual(['https://docs.securus.example/']);
  });
});

describe('permissions', () => {
  it('denies every permission request, check and device access', () => {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (handler: (...args: never[]) => unknown) => (handlers.request = handler),
      setPermissionCheckHandler: (handler: (...args: never[]) => unknown) => (handlers.check = handler),
      setDevicePermissionHandler: (handler: (...args: never[]) => unknown) => (handlers.device = handler),
    };
    denyAllPermissions(session as unknown as Session);

    const request = handlers.request as unknown as (c: unknown, p: string, grant: (ok: boolean) => void) => void;
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal', 'hid']) {
      let granted: boolean | undefined;
      request({}, permission, (ok) => (granted = ok));
      expect(granted, permission).toBe(false);
    }
    const check = handlers.check as unknown as (c: unknown, p: string, origin: string) => boolean;
    expect(check({}, 'clipboard-sanitized-write', 'app://console')).toBe(false);
    expect(check({}, 'media', 'app://console')).toBe(false);
    const device = handlers.device as unknown as (details: unknown) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://console' })).toBe(false);
  });
});
