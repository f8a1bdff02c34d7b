import { describe, expect, it } from 'vitest';
import {
  AUTHENTICATOR_TOTP,
  matchTotpCode,
  newTotpSecret,
  otpauthUri,
  type TotpAlgorithm,
} from '../../../server/domain/totp';
import { authenticatorCode, base32Decode } from '../../support/reference-totp';

const ascii = (text: string) => new TextEncoder().encode(text);
const SEED = {
  sha1: ascii('12345678901234567890'),
  sha256: ascii('12345678901234567890123456789012'),
  sha512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

// matchTotpCode is the function checkSecondFactor (login, reset) and setup verification call; the vectors go
// through it with the RFC's parameters.
describe('RFC 4226 Appendix D vectors through matchTotpCode', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    // TOTP is HOTP over the step number: the server's clock at step `counter` must accept exactly that code.
    const nowMs = counter * 30_000 + 15_000;
    expect(matchTotpCode({ secret: SEED.sha1, code, nowMs, parameters: AUTHENTICATOR_TOTP })).toBe(counter);
  });
});

describe('RFC 6238 Appendix B vectors through matchTotpCode', () => {
  const table: Array<[number, Record<TotpAlgorithm, string>]> = [
    [59, { sha1: '94287082', sha256: '46119246', sha512: '90693936' }],
    [1111111109, { sha1: '07081804', sha256: '68084774', sha512: '25091201' }],
    [1111111111, { sha1: '14050471', sha256: '67062674', sha512: '99943326' }],
    [1234567890, { sha1: '89005924', sha256: '91819424', sha512: '93441116' }],
    [2000000000, { sha1: '69279037', sha256: '90698825', sha512: '38618901' }],
    [20000000000, { sha1: '65353130', sha256: '77737706', sha512: '47863826' }],
  ];
  const cases = table.flatMap(([time, codes]) =>
    (Object.keys(codes) as TotpAlgorithm[]).map((algorithm) => [time, algorithm, codes[algorithm]] as const),
  );
  it.each(cases)('t=%i %s → %s', (time, algorithm, code) => {
    const parameters = { algorithm, digits: 8, periodSeconds: 30 };
    const step = Math.floor(time / 30);
    expect(matchTotpCode({ secret: SEED[algorithm], code, nowMs: time * 1000, parameters })).toBe(step);
  });

  it('needs the per-algorithm seed (the 20-byte seed with SHA-256/512 is the classic trap)', () => {
    for (const algorithm of ['sha256', 'sha512'] as const) {
      const parameters = { algorithm, digits: 8, periodSeconds: 30 };
      const right = algorithm === 'sha256' ? '46119246' : '90693936';
      expect(matchTotpCode({ secret: SEED.sha1, code: right, nowMs: 59_000, parameters })).toBeNull();
    }
  });

  it('keeps leading zeros in six-digit codes (081804 at t=1111111109)', () => {
    const parameters = { algorithm: 'sha1' as const, digits: 6, periodSeconds: 30 };
    expect(matchTotpCode({ secret: SEED.sha1, code: '081804', nowMs: 1111111109_000, parameters })).toBe(37037036);
    expect(matchTotpCode({ secret: SEED.sha1, code: '81804', nowMs: 1111111109_000, parameters })).toBeNull();
  });
});

describe('the acceptance window', () => {
  const secret = newTotpSecret();
  const now = Date.UTC(2026, 10, 28, 12, 0, 15);
  const step = Math.floor(now / 30_000);

  it('accepts the current step and one step either side, by the server clock', () => {
    for (const offset of [-1, 0, 1]) {
      const code = authenticatorCode(secret, now + offset * 30_000);
      expect(matchTotpCode({ secret, code, nowMs: now })).toBe(step + offset);
    }
  });

  it('refuses codes two steps away and codes of another secret', () => {
    for (const offset of [-2, 2]) {
      const code = authenticatorCode(secret, now + offset * 30_000);
      const nearby = [-1, 0, 1].map((near) => authenticatorCode(secret, now + near * 30_000));
      if (!nearby.includes(code)) {
        expect(matchTotpCode({ secret, code, nowMs: now })).toBeNull();
      }
    }
    const valid = new Set([-1, 0, 1].map((near) => authenticatorCode(secret, now + near * 30_000)));
    const foreign = Array.from({ length: 5 }, () => authenticatorCode(newTotpSecret(), now)).filter(
      (code) => !valid.has(code),
    );
    for (const code of foreign) {
      expect(matchTotpCode({ secret, code, nowMs: now })).toBeNull();
    }
  });
});

describe('secrets and otpauth URIs', () => {
  it('makes 160-bit base32 secrets, each different', () => {
    const secrets = Array.from({ length: 20 }, newTotpSecret);
    for (const secret of secrets) {
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(base32Decode(secret)).toHaveLength(20);
    }
    expect(new Set(secrets).size).toBe(20);
  });

  it('builds the key URI authenticator apps expect', () => {
    const uri = otpauthUri({ issuer: 'Securus', account: 'dana', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' });
    expect(uri).toBe(
      'otpauth://totp/Securus:dana?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Securus&algorithm=SHA1&digits=6&period=30',
    );
  });

  it.each([
    'eve:mallory',
    'eve&secret=AAAAAAAAAAAAAAAA',
    'eve?issuer=Evil',
    'eve#fragment',
    'eve smith',
    'eve&algorithm=SHA512&digits=8&period=60',
    'ève%20ünï',
  ])('keeps username %j inside the label', (username) => {
    const secret = newTotpSecret();
    const url = new URL(otpauthUri({ issuer: 'Securus & Co', account: username, secret }));
    expect(url.hash).toBe('');
    expect(url.searchParams.getAll('secret')).toEqual([secret]);
    expect(url.searchParams.getAll('issuer')).toEqual(['Securus & Co']);
    expect(url.searchParams.getAll('algorithm')).toEqual(['SHA1']);
    expect(url.searchParams.getAll('digits')).toEqual(['6']);
    expect(url.searchParams.getAll('period')).toEqual(['30']);
    expect([...url.searchParams.keys()].sort()).toEqual(['algorithm', 'digits', 'issuer', 'period', 'secret']);
    expect(url.host).toBe('totp');
    expect(decodeURIComponent(url.pathname.slice(1))).toBe(`Securus & Co:${username}`);
  });
});
