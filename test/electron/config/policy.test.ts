import { describe, expect, it } from 'vitest';
import { parsePolicy, policyPath } from '../../../electron/main/config/policy';

const FILE = '/etc/securus-console/policy.json';

describe('policyPath', () => {
  it('names the machine-wide location of each platform', () => {
    expect(policyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Securus Console\\policy.json',
    );
    expect(policyPath('win32', {})).toBe('C:\\ProgramData\\Securus Console\\policy.json');
    expect(policyPath('darwin')).toBe('/Library/Application Support/Securus Console/policy.json');
    expect(policyPath('linux')).toBe(FILE);
  });
});

describe('parsePolicy', () => {
  it('accepts a full policy and fills defaults', () => {
    const result = parsePolicy(
      JSON.stringify({
        serverUrl: 'https://securus.corp.example',
        caBundlePath: '/etc/ssl/corp.pem',
        issuerDisplayName: 'Example Corp',
        updateUrl: 'https://updates.corp.example/feed',
      }),
      FILE,
    );
    expect(result).toEqual({
      ok: true,
      policy: {
        serverUrl: 'https://securus.corp.example',
        caBundlePath: '/etc/ssl/corp.pem',
        issuerDisplayName: 'Example Corp',
        updateUrl: 'https://updates.corp.example/feed',
        allowHttpLoopbackOnly: true,
        requestTimeoutSeconds: 15,
        externalLinkOrigins: [],
      },
    });
  });

  it('accepts a file saved with a UTF-8 byte-order mark (PowerShell 5 writes one)', () => {
    expect(parsePolicy('\uFEFF{"serverUrl":"https://securus.corp.example"}', FILE)).toMatchObject({
      ok: true,
      policy: { serverUrl: 'https://securus.corp.example' },
    });
  });

  it('accepts an empty policy', () => {
    expect(parsePolicy('{}', FILE).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{ serverUrl: ', '(file)', /not valid JSON/],
    ['not an object', '[]', '(file)', /object/i],
    ['an unknown field (a typo)', '{"serverURL":"https://a.example"}', 'serverURL', /not a policy field/],
    ['a server URL that is not one', '{"serverUrl":"securus.corp.example"}', 'serverUrl', /http/],
    ['a relative CA bundle path', '{"caBundlePath":"corp.pem"}', 'caBundlePath', /absolute/],
    ['a boolean written as a string', '{"allowHttpLoopbackOnly":"yes"}', 'allowHttpLoopbackOnly', /boolean/i],
    ['an http update feed', '{"updateUrl":"http://updates.corp.example"}', 'updateUrl', /https/],
    ['a timeout out of range', '{"requestTimeoutSeconds":0}', 'requestTimeoutSeconds', /1|small/i],
    [
      'a link origin with a path',
      '{"externalLinkOrigins":["https://help.example/kb"]}',
      'externalLinkOrigins.0',
      /origin/,
    ],
  ])('names the file and the field for %s', (_name, text, field, message) => {
    const result = parsePolicy(text, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.file).toBe(FILE);
      expect(result.problem.field).toBe(field);
      expect(result.problem.message).toMatch(message);
    }
  });
});
