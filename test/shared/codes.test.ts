import { describe, expect, it } from 'vitest';
import {
  BACKUP_CODE_ALPHABET,
  BACKUP_CODE_BITS,
  classifySecondFactorCode,
  formatBackupCode,
  formatSetupKey,
  normalizeBackupCode,
  normalizeTotpCode,
} from '../../shared/codes';

describe('normalizeTotpCode', () => {
  it.each([
    ['123456', '123456'],
    ['123 456', '123456'],
    [' 081804 ', '081804'],
    ['123-456', '123456'],
    ['123\u00a0456', '123456'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalizeTotpCode(input)).toBe(expected);
  });

  it.each(['12345', '1234567', '12a456', '', '１２３４５６', '123456\n7'])('refuses %j', (input) => {
    expect(normalizeTotpCode(input)).toBeNull();
  });
});

describe('backup codes', () => {
  it('use an alphabet without look-alikes and carry at least 64 bits', () => {
    expect(BACKUP_CODE_ALPHABET).not.toMatch(/[01OIL]/);
    expect(BACKUP_CODE_BITS).toBeGreaterThanOrEqual(64);
  });

  it('normalise case, spaces and dashes', () => {
    expect(normalizeBackupCode('k7qx9-2mfpa-h3wzt')).toBe('K7QX92MFPAH3WZT');
    expect(normalizeBackupCode(' K7QX9 2MFPA H3WZT ')).toBe('K7QX92MFPAH3WZT');
  });

  it('refuse look-alikes and wrong lengths', () => {
    expect(normalizeBackupCode('K7QX9-2MFPA-H3WZO')).toBeNull();
    expect(normalizeBackupCode('K7QX9-2MFPA-H3WZ')).toBeNull();
  });

  it('format in groups of five', () => {
    expect(formatBackupCode('K7QX92MFPAH3WZT')).toBe('K7QX9-2MFPA-H3WZT');
  });
});

describe('classifySecondFactorCode', () => {
  it('tells a TOTP code from a backup code by shape', () => {
    expect(classifySecondFactorCode('123 456')).toEqual({ kind: 'totp', code: '123456' });
    expect(classifySecondFactorCode('k7qx9-2mfpa-h3wzt')).toEqual({ kind: 'backup_code', code: 'K7QX92MFPAH3WZT' });
    expect(classifySecondFactorCode('hello')).toBeNull();
  });
});

it('formats a setup key in groups of four', () => {
  expect(formatSetupKey('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP');
});
