import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { parseDecimal } from '../../src/domain/decimal.js';
import { parseKronor } from '../../src/domain/money.js';
import { HIDDEN_CHARACTER_RANGES, textProblem } from '../../src/domain/text.js';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { decimalProblemText, hiddenCharacterText, textProblemText } from '../../src/i18n/data.js';

/**
 * The domain says what is wrong with a value (codes and limits); the catalogue says it.
 * Both languages keep what the user needs to find the fault: the count and the cap, the
 * character's code point, every problem of a number at once.
 */

afterEach(() => useLanguage('en'));

const HIDDEN = HIDDEN_CHARACTER_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i));

describe('text problems', () => {
  test('property: a text over its cap names its length and the cap, in both languages', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 59 }), (text, cap) => {
        const problem = textProblem(text, cap);
        fc.pre(problem !== null && problem.kind === 'length');
        if (problem?.kind !== 'length') return;
        useLanguage('en');
        expect(textProblemText(problem)).toBe(`${problem.length} characters; at most ${cap} are accepted`);
        useLanguage('sv');
        expect(textProblemText(problem)).toBe(`${problem.length} tecken; högst ${cap} godtas`);
      }),
    );
  });

  test('every hidden character is named by its code point in both languages, in words of the language', () => {
    for (const code of HIDDEN) {
      const label = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      useLanguage('en');
      const english = textProblemText(textProblem(`a${String.fromCharCode(code)}b`, 10)!);
      useLanguage('sv');
      const swedish = textProblemText(textProblem(`a${String.fromCharCode(code)}b`, 10)!);
      expect(english).toMatch(new RegExp(`^contains an? (line break|control character|invisible formatting character) \\(${label.replace('+', '\\+')}`));
      expect(swedish).toMatch(new RegExp(`^innehåller (en radbrytning|ett styrtecken|ett osynligt formateringstecken) \\(${label.replace('+', '\\+')}`));
    }
    useLanguage('sv');
    expect(hiddenCharacterText(0x1b)).toBe('ett styrtecken (U+001B ESC)');
    expect(hiddenCharacterText(0x202e)).toBe('ett osynligt formateringstecken (U+202E RIGHT-TO-LEFT OVERRIDE)');
  });
});

describe('number problems', () => {
  const problems = (input: string, decimalComma = false) => {
    const parsed = parseKronor(input, { decimalComma });
    if (parsed.ok) throw new Error(`${input} was accepted`);
    return parsed.problems;
  };

  test('everything wrong with a value is said at once, in the order found', () => {
    useLanguage('en');
    expect(decimalProblemText(problems('31 623,00 kr', true))).toBe('currency signs such as "kr" are not accepted; give the number only; thousands separators are not accepted');
    expect(decimalProblemText(problems('23550,00'))).toBe('use a decimal point (a decimal comma is accepted only in CSV); thousands separators are not accepted');
    useLanguage('sv');
    expect(decimalProblemText(problems('31 623,00 kr', true))).toBe('valutatecken som "kr" godtas inte; ange bara talet; tusentalsavgränsare godtas inte');
    expect(decimalProblemText(problems('31.623'))).toBe('högst 2 decimaler godtas; tusentalsavgränsare godtas inte');
    expect(decimalProblemText(problems('1000000000'))).toBe('för stort: högst 9 siffror före decimaltecknet');
  });

  test('the limits in the words are the ones the value was checked against', () => {
    const parsed = parseDecimal('1.2345', { maxDecimals: 3, maxIntegerDigits: 6 });
    expect(parsed).toEqual({ ok: false, reason: 'too_many_decimals', problems: [{ reason: 'too_many_decimals', maxDecimals: 3 }] });
    useLanguage('en');
    expect(decimalProblemText(parsed.ok ? [] : parsed.problems)).toBe('at most 3 decimals are allowed');
  });
});
