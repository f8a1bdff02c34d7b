/**
 * Usernames compared as people read them: RFC 8265 §3.3, the PRECIS UsernameCaseMapped profile. `Alice`, `ａlice`
 * (fullwidth a) and `alice` are one username; a name holding an invisible character is refused. The canonical
 * value is what an account is stored and found under.
 *
 * Not applied: the Bidi Rule (RFC 8265 §3.3.1 rule 5, RFC 5893), which needs each code point's Bidi_Class and
 * JavaScript has no such property. The bidi controls themselves (LRM, RLM, RLO, …) are refused as invisible.
 */

export type CanonicalUsername = { ok: true; value: string } | { ok: false; reason: string };

const REASON = {
  empty: 'Enter a username.',
  space: 'Usernames cannot contain spaces.',
  control: 'Usernames cannot contain control characters.',
  invisible: 'Usernames cannot contain invisible characters such as zero-width spaces.',
};

// RFC 8264 §9.11 width mapping: every <wide> and <narrow> decomposition lies in U+3000 and U+FF01–U+FFEE. NFKC of
// one of them is its decomposition, or goes one step further (U+FFE3, the halfwidth Hangul letters) to something
// the IdentifierClass refuses either way.
const WIDTH_FORMS = /[\u3000\uff01-\uffee]/gu;

// RFC 5892 §2.6 exceptions, which RFC 8264 §8 consults before any other rule.
const EXCEPTION_PVALID = /^[\u00df\u03c2\u06fd\u06fe\u0f0b\u3007]$/u;
const EXCEPTION_CONTEXTO = /^[\u00b7\u0375\u05f3\u05f4\u30fb\u0660-\u0669\u06f0-\u06f9]$/u;
const EXCEPTION_DISALLOWED = /^[\u0640\u07fa\u302e\u302f\u3031-\u3035\u303b]$/u;
const UNASSIGNED = /^[\p{Cn}\p{Noncharacter_Code_Point}]$/u;
const ASCII7 = /^[\x21-\x7e]$/;
// Hangul_Syllable_Type L, V and T (RFC 8264 §9.9); the unassigned code points between them are refused anyway.
const OLD_HANGUL_JAMO = /^[\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff]$/u;
// Default-ignorable code points include ZWJ and ZWNJ, which RFC 8264 §9.8 would allow after a virama: we refuse
// them everywhere, since an invisible difference between two usernames is exactly what this profile is for.
const INVISIBLE = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const CONTROL = /^\p{Cc}$/u;
const SPACE = /^\p{Z}$/u;
const LETTER_DIGITS = /^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u;
const NO_GLYPH = /^[\p{Cs}\p{Co}\p{Cn}]$/u;

type IdentifierClass = 'PVALID' | 'CONTEXTO' | 'DISALLOWED';

/** The IdentifierClass derived property of one code point, in the order of RFC 8264 §8. */
function identifierClassOf(ch: string): IdentifierClass {
  if (EXCEPTION_PVALID.test(ch)) {
    return 'PVALID';
  }
  if (EXCEPTION_CONTEXTO.test(ch)) {
    return 'CONTEXTO';
  }
  if (EXCEPTION_DISALLOWED.test(ch) || UNASSIGNED.test(ch)) {
    return 'DISALLOWED';
  }
  if (ASCII7.test(ch)) {
    return 'PVALID';
  }
  // The last test is HasCompat (RFC 8264 §9.17): ligatures, superscripts, circled digits, the Kelvin sign.
  if (OLD_HANGUL_JAMO.test(ch) || INVISIBLE.test(ch) || CONTROL.test(ch) || ch.normalize('NFKC') !== ch) {
    return 'DISALLOWED';
  }
  return LETTER_DIGITS.test(ch) ? 'PVALID' : 'DISALLOWED';
}

function codePointOf(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

function disallowedReason(ch: string): string {
  if (CONTROL.test(ch)) {
    return REASON.control;
  }
  if (SPACE.test(ch)) {
    return REASON.space;
  }
  if (INVISIBLE.test(ch)) {
    return REASON.invisible;
  }
  const shown = NO_GLYPH.test(ch) ? codePointOf(ch) : `“${ch}” (${codePointOf(ch)})`;
  const plain = ch.normalize('NFKC');
  if (plain !== ch && [...plain].every((part) => identifierClassOf(part) === 'PVALID')) {
    return `${shown} is not allowed in a username; type “${plain}” instead.`;
  }
  return `Usernames can use letters, digits and the symbols of a standard US keyboard; ${shown} is not one of them.`;
}

/** RFC 5892 Appendix A: where the CONTEXTO exceptions may stand. */
function contextReason(points: string[], index: number): string | null {
  const ch = points[index];
  const before = points[index - 1] ?? '';
  const after = points[index + 1] ?? '';
  switch (ch) {
    case '\u00b7':
      return before === 'l' && after === 'l'
        ? null
        : 'A middle dot (·) may only stand between two l’s, as in col·lega.';
    case '\u0375':
      return /^\p{Script=Greek}$/u.test(after) ? null : 'The Greek numeral sign (͵) must come before a Greek letter.';
    case '\u05f3':
    case '\u05f4':
      return /^\p{Script=Hebrew}$/u.test(before)
        ? null
        : 'The Hebrew geresh and gershayim must follow a Hebrew letter.';
    case '\u30fb':
      return points.some((point) => /^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u.test(point))
        ? null
        : 'The katakana middle dot (・) needs hiragana, katakana or kanji in the same username.';
    default: {
      const other = /[\u0660-\u0669]/u.test(ch ?? '') ? /[\u06f0-\u06f9]/u : /[\u0660-\u0669]/u;
      return points.some((point) => other.test(point))
        ? 'A username cannot mix Arabic-Indic digits (٠–٩) with Extended Arabic-Indic digits (۰–۹).'
        : null;
    }
  }
}

function refusalOf(value: string, checkContext: boolean): string | null {
  if (value === '') {
    return REASON.empty;
  }
  const points = [...value];
  for (const [index, ch] of points.entries()) {
    const derived = identifierClassOf(ch);
    if (derived === 'DISALLOWED') {
      return disallowedReason(ch);
    }
    const context = derived === 'CONTEXTO' && checkContext ? contextReason(points, index) : null;
    if (context) {
      return context;
    }
  }
  return null;
}

export function canonicalUsername(input: string): CanonicalUsername {
  // §3.3.2 preparation: width mapping, then only IdentifierClass code points.
  const prepared = input.replace(WIDTH_FORMS, (ch) => ch.normalize('NFKC'));
  const unprepared = refusalOf(prepared, false);
  if (unprepared) {
    return { ok: false, reason: unprepared };
  }
  // §3.3.3 enforcement: Unicode toLowerCase, then NFC. The contextual rules are judged on this result, so that
  // `COL·LEGA` passes as `col·lega` does; the code points are checked again because lowercasing can add some
  // (`İ` becomes `i` and a combining dot).
  const value = prepared.toLowerCase().normalize('NFC');
  const refused = refusalOf(value, true);
  return refused ? { ok: false, reason: refused } : { ok: true, value };
}
