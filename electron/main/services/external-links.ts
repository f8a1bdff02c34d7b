import type { ExternalLinkOpener } from './platform';

export interface ExternalLinks {
  /** Opens the link in the system browser when its origin is allowed; false (and nothing opened) otherwise. */
  open(url: string): Promise<boolean>;
}

/** Only https links to allow-listed origins leave the console (SECURITY.md, Electron). */
export function createExternalLinks(opener: ExternalLinkOpener, allowedOrigins: readonly string[]): ExternalLinks {
  return {
    async open(url) {
      if (!URL.canParse(url)) {
        return false;
      }
      const parsed = new URL(url);
      const allowed = parsed.protocol === 'https:' && !parsed.username && allowedOrigins.includes(parsed.origin);
      if (!allowed) {
        return false;
      }
      await opener.openExternal(parsed.href);
      return true;
    },
  };
}
