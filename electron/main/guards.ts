import type { Session, WebContents } from 'electron';
import { isAppUrl } from './app-origin';

export interface NavigationPolicy {
  /** Opens an allow-listed link in the system browser; returns false (and opens nothing) for any other URL. */
  openExternalIfAllowed(url: string): Promise<boolean>;
}

const guarded = new WeakSet<WebContents>();

/**
 * Keeps a web contents on the console's own pages (Electron security checklist 12–14): navigation away is
 * refused, new windows are refused, and an allow-listed link goes to the system browser instead.
 */
export function guardWebContents(contents: WebContents, policy: NavigationPolicy): void {
  // Installed both by the window factory and for every web contents the app creates: once is enough.
  if (guarded.has(contents)) {
    return;
  }
  guarded.add(contents);
  const refuseForeign = (event: { preventDefault(): void; url: string }): boolean => {
    if (isAppUrl(event.url)) {
      return false;
    }
    event.preventDefault();
    return true;
  };
  // A clicked link navigates the main frame: that one is offered to the system browser. Frames and redirects are
  // only refused (will-frame-navigate also fires for the main frame, which would open the link twice).
  // A failure to open the browser leaves the console where it is; there is nothing the page could do about it.
  const offer = (url: string) => void policy.openExternalIfAllowed(url).catch(() => false);
  contents.on('will-navigate', (event) => {
    if (refuseForeign(event)) {
      offer(event.url);
    }
  });
  contents.on('will-frame-navigate', (event) => void refuseForeign(event));
  contents.on('will-redirect', (event) => void refuseForeign(event));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    offer(url);
    return { action: 'deny' };
  });
}

/** The console needs no camera, notifications, geolocation or any other permission: refuse every request. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, grant) => grant(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
