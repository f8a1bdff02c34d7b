/**
 * Where the console's own pages live. The renderer is served only from this origin (a privileged custom scheme
 * backed by the packaged files); anything else is foreign content.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for `app://console/…`. Node reports the origin of non-special schemes as "null", so compare the parts. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
