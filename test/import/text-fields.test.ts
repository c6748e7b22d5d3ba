import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { characterCount, HIDDEN_CHARACTER_RANGES, isHiddenCharacter, TEXT_LIMITS } from '../../src/domain/text.js';
import { hiddenCharacterText } from '../../src/i18n/data.js';
import { fieldChecks, Invalid, type Check, type TextChecks } from '../../src/import/fields.js';

/**
 * The rule every text value of an export passes (src/import/fields.ts with
 * src/domain/text.ts): no control or invisible formatting character, and no more
 * characters than the field's cap. In-process, over large input spaces.
 */

const f = fieldChecks('json');

const FIELDS: Array<[name: keyof TextChecks | 'personnummerInput', cap: number]> = [
  ['personName', TEXT_LIMITS.personName],
  ['companyName', TEXT_LIMITS.companyName],
  ['lineText', TEXT_LIMITS.lineText],
  ['street', TEXT_LIMITS.street],
  ['postalCode', TEXT_LIMITS.postalCode],
  ['city', TEXT_LIMITS.city],
  ['email', TEXT_LIMITS.email],
  ['phone', TEXT_LIMITS.phone],
  ['unit', TEXT_LIMITS.unit],
  ['employeeNumber', TEXT_LIMITS.identifier],
  ['payRunId', TEXT_LIMITS.identifier],
  ['lineCode', TEXT_LIMITS.identifier],
  ['taxTable', TEXT_LIMITS.taxTable],
  ['personnummerInput', TEXT_LIMITS.personnummer],
];

const HIDDEN: number[] = HIDDEN_CHARACTER_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, index) => from + index));

/** Any characters, astral ones included, without the hidden ones, and with something visible in it. */
const visibleText = fc
  .tuple(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('A', 'ö', '1', '😀', '-'), fc.nat())
  .map(([text, visible, at]) => {
    const kept = [...text].filter((char) => !isHiddenCharacter(char.charCodeAt(0)));
    kept.splice(at % (kept.length + 1), 0, visible);
    return kept;
  });

/** The first `count` characters. */
const first = (chars: string[], count: number): string => chars.slice(0, Math.max(1, count)).join('');

describe.each(FIELDS)('%s (at most %i characters)', (name, cap) => {
  const check = f[name] as Check<string | null>;

  test('text with a control or invisible formatting character is refused, naming the character', () => {
    fc.assert(
      fc.property(visibleText, fc.constantFrom(...HIDDEN), fc.nat(), (chars, hidden, at) => {
        // The visible character stays, so the text is not blank (a blank value counts as not given).
        const kept = chars.slice(0, cap - 1);
        kept.splice(at % (kept.length + 1), 0, String.fromCharCode(hidden));
        const result = check(kept.join(''));
        expect(result).toBeInstanceOf(Invalid);
        expect((result as Invalid).message).toBe(`contains ${hiddenCharacterText(hidden)}; remove it in the payroll system`);
      }),
      { numRuns: 300 },
    );
  });

  test('text without one, within the cap, is accepted and trimmed', () => {
    fc.assert(
      fc.property(visibleText, fc.integer({ min: 1, max: cap }), (chars, length) => {
        const text = first(chars, length);
        fc.pre(text.trim() !== '');
        expect(check(text)).toBe(text.trim());
      }),
      { numRuns: 300 },
    );
  });

  test('text over the cap is refused, counting characters rather than UTF-16 units', () => {
    fc.assert(
      fc.property(visibleText, fc.integer({ min: 1, max: 3 * cap }), fc.constantFrom('x', 'ö', '😀'), (chars, extra, filler) => {
        const text = `${chars.join('')}${filler.repeat(cap + extra)}`;
        expect(check(text)).toEqual(new Invalid(`${characterCount(text)} characters; at most ${cap} are accepted`));
      }),
      { numRuns: 100 },
    );
  });
});

describe('the hidden characters', () => {
  test('include every control character, bidi control and line or paragraph separator Unicode knows', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (/[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/u.test(char)) expect({ code, hidden: isHiddenCharacter(code) }).toEqual({ code, hidden: true });
    }
  });

  test('leave letters, digits, punctuation, spaces and symbols alone', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (/[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u.test(char)) expect({ code, hidden: isHiddenCharacter(code) }).toEqual({ code, hidden: false });
    }
  });

  test('are named the way the messages name them', () => {
    expect(hiddenCharacterText(0x1b)).toBe('a control character (U+001B ESC)');
    expect(hiddenCharacterText(0x07)).toBe('a control character (U+0007 BEL)');
    expect(hiddenCharacterText(0x09)).toBe('a control character (U+0009 TAB)');
    expect(hiddenCharacterText(0x0a)).toBe('a line break (U+000A LF)');
    expect(hiddenCharacterText(0x2028)).toBe('a line break (U+2028 LINE SEPARATOR)');
    expect(hiddenCharacterText(0x9b)).toBe('a control character (U+009B CSI)');
    expect(hiddenCharacterText(0x202e)).toBe('an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)');
    expect(hiddenCharacterText(0x2065)).toBe('an invisible formatting character (U+2065)');
  });

  test('a blank value is not given, whatever whitespace it is made of', () => {
    expect(f.personName(' \t\r\n ')).toEqual(new Invalid('missing'));
    expect(f.street('\t')).toBeNull();
  });

  test('a name of ten million characters is refused by its length, in well under a second', () => {
    const started = performance.now();
    expect(f.personName('x'.repeat(10_000_000))).toEqual(new Invalid('10000000 characters; at most 100 are accepted'));
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
