import type { Shell } from 'electron';
import type { ExternalLinkOpener } from '../services/platform';

/** True when `url` is https on one of `allowedOrigins` (the server's own and those IT lists in the policy). */
export function isAllowedExternalUrl(url: string, allowedOrigins: readonly string[]): boolean {
  if (!URL.canParse(url)) {
    return false;
  }
  const parsed = new URL(url);
  return (
    parsed.protocol === 'https:' &&
    parsed.username === '' &&
    parsed.password === '' &&
    allowedOrigins.includes(parsed.origin)
  );
}

/**
 * The system browser, behind the allow-list once more: the services decide which links may open, and this last
 * step refuses anything else, so no code path can make the console launch `file:`, `smb:` or a custom-protocol
 * handler (Electron security checklist 15).
 */
export function createShellLinkOpener(
  shell: Pick<Shell, 'openExternal'>,
  allowedOrigins: () => readonly string[],
): ExternalLinkOpener {
  return {
    async openExternal(url) {
      if (!isAllowedExternalUrl(url, allowedOrigins())) {
        throw new Error('This link is not on the allow-list of external sites.');
      }
      await shell.openExternal(new URL(url).href, { activate: true });
    },
  };
}
