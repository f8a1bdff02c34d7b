import { describe, expect, it } from 'vitest';
import { createExternalLinks } from '../../../electron/main/services/external-links';

describe('external links', () => {
  it('opens only https links to allow-listed origins', async () => {
    const opened: string[] = [];
    const links = createExternalLinks({ openExternal: async (url) => void opened.push(url) }, [
      'https://help.corp.example',
    ]);
    expect(await links.open('https://help.corp.example/kb/2fa')).toBe(true);
    for (const url of [
      'http://help.corp.example/kb',
      'https://help.corp.example.evil.example/',
      'https://user@help.corp.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(await links.open(url)).toBe(false);
    }
    expect(opened).toEqual(['https://help.corp.example/kb/2fa']);
  });
});
