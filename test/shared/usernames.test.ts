import { describe, expect, it } from 'vitest';
import { canonicalUsername } from '../../shared/usernames';

function canonical(input: string): string | null {
  const result = canonicalUsername(input);
  return result.ok ? result.value : null;
}

function reasonFor(input: string): string {
  const result = canonicalUsername(input);
  if (result.ok) {
    throw new Error(`${JSON.stringify(input)} was accepted as ${JSON.stringify(result.value)}`);
  }
  return result.reason;
}

describe('canonicalUsername (RFC 8265 UsernameCaseMapped)', () => {
  it('reads Alice, ａlice (fullwidth a) and alice as one username', () => {
    expect(canonical('Alice')).toBe('alice');
    expect(canonical('\uff41lice')).toBe('alice');
    expect(canonical('ＡＬＩＣＥ')).toBe('alice');
    expect(canonical('alice')).toBe('alice');
  });

  it('reads a decomposed é as the composed one (NFC)', () => {
    expect(canonical('Jos\u0065\u0301')).toBe('jos\u00e9');
    expect(canonical('jos\u00e9')).toBe('jos\u00e9');
  });

  it('maps halfwidth katakana to their full forms and composes them', () => {
    expect(canonical('\uff76\uff9e')).toBe('\u30ac');
  });

  it.each([
    ['Ζωή', 'ζωή'],
    ['Иван', 'иван'],
    ['Straße', 'straße'],
    ['北京', '北京'],
    ['İris', 'i\u0307ris'],
    ['COL·LEGA', 'col·lega'],
  ])('allows letters of any script: %j is %j', (input, expected) => {
    expect(canonical(input)).toBe(expected);
  });

  it.each(['first.last', 'first-last', 'first_last', 'name@example.org', "o'brien", 'a+b', '#1!'])(
    'allows ASCII punctuation: %j',
    (input) => {
      expect(canonical(input)).toBe(input);
    },
  );

  it.each([
    ['alice\u200b', 'zero-width space'],
    ['al\u200dice', 'zero-width joiner'],
    ['\u200falice', 'right-to-left mark'],
    ['alice\u202e', 'right-to-left override'],
    ['ali\u00adce', 'soft hyphen'],
    ['\ufeffalice', 'byte order mark'],
  ])('refuses an invisible character: %j (%s)', (input) => {
    expect(reasonFor(input)).toBe('Usernames cannot contain invisible characters such as zero-width spaces.');
  });

  it.each(['alice smith', ' alice', 'alice\u00a0smith', 'alice\u3000smith'])('refuses a space: %j', (input) => {
    expect(reasonFor(input)).toBe('Usernames cannot contain spaces.');
  });

  it.each(['alice\n', 'a\tb', 'a\u0000b', 'a\u0085b'])('refuses a control character: %j', (input) => {
    expect(reasonFor(input)).toBe('Usernames cannot contain control characters.');
  });

  it('refuses an empty username', () => {
    expect(reasonFor('')).toBe('Enter a username.');
  });

  it.each(['🚀', 'a™', 'x²', 'ﬁsh', '\u212aelvin', '\u2160', 'a\ue000', 'a\ud800', 'tatweel\u0640'])(
    'refuses what is not a letter, digit, mark or ASCII printable character: %j',
    (input) => {
      expect(reasonFor(input)).toMatch(/U\+[0-9A-F]{4}/);
    },
  );

  it('suggests the plain form of a compatibility character', () => {
    expect(reasonFor('ﬁsh')).toBe('“ﬁ” (U+FB01) is not allowed in a username; type “fi” instead.');
  });

  it('applies the contextual rules of RFC 5892 Appendix A', () => {
    expect(reasonFor('a·b')).toMatch(/middle dot/);
    expect(reasonFor('\u0660\u06f0')).toMatch(/Arabic-Indic/);
    expect(reasonFor('a\u30fb')).toMatch(/katakana middle dot/);
    expect(canonical('\u30ab\u30fb\u30ab')).toBe('\u30ab\u30fb\u30ab');
  });

  it('is idempotent: a canonical username is its own canonical form', () => {
    for (const input of ['Alice', '\uff41lice', 'Jos\u0065\u0301', 'İris', 'ΣΑΣ', 'COL·LEGA']) {
      const once = canonical(input);
      expect(once).not.toBeNull();
      expect(canonical(once ?? '')).toBe(once);
    }
  });
});
