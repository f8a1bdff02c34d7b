import { expect, it } from 'vitest';
import { hotp, totp } from '../support/reference-totp';

// The tests' own TOTP must itself be right before it can judge the server's.
it('reproduces RFC 4226 Appendix D and RFC 6238 Appendix B', () => {
  const key = Buffer.from('12345678901234567890');
  expect(Array.from({ length: 10 }, (_, i) => hotp(key, i))).toEqual([
    '755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489',
  ]);
  expect(totp(key, 1111111109, { digits: 8 })).toBe('07081804');
  expect(totp(Buffer.from('12345678901234567890123456789012'), 59, { digits: 8, algorithm: 'sha256' })).toBe('46119246');
});
