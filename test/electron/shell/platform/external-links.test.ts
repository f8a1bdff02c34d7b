import { describe, expect, it } from 'vitest';
import { createShellLinkOpener, isAllowedExternalUrl } from '../../../../electron/main/platform/external-links';

const allowed = ['https://securus.corp.example', 'https://help.corp.example'];

describe('external link allow-list', () => {
  it.each(['https://help.corp.example/2fa', 'https://securus.corp.example/', 'https://HELP.corp.example/a?b=c#d'])(
    'accepts %s',
    (url) => expect(isAllowedExternalUrl(url, allowed)).toBe(true),
  );

  it.each([
    'http://help.corp.example/2fa',
    'https://help.corp.example.evil.example/',
    'https://evil.example/?https://help.corp.example',
    'https://help.corp.example@evil.example/',
    'https://user:pass@help.corp.example/',
    'https://help.corp.example:8443/',
    'file:///C:/Windows/System32/calc.exe',
    'smb://help.corp.example/share',
    'ms-settings:privacy',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => expect(isAllowedExternalUrl(url, allowed)).toBe(false));

  it('passes only allowed links to the system browser and throws for the others', async () => {
    const opened: string[] = [];
    const opener = createShellLinkOpener({ openExternal: async (url) => void opened.push(url) }, () => allowed);
    await opener.openExternal('https://help.corp.example/2fa');
    await expect(opener.openExternal('file:///etc/passwd')).rejects.toThrow(/allow-list/);
    await expect(opener.openExternal('https://evil.example/')).rejects.toThrow(/allow-list/);
    expect(opened).toEqual(['https://help.corp.example/2fa']);
  });
});
