import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalDecimal, parseDecimal } from '../../src/domain/decimal.js';
import { MAX_ABS_ORE, parseKronor } from '../../src/domain/money.js';
import { formatAmount, formatMoney } from '../../src/domain/format.js';
import { decimalProblemText } from '../../src/i18n/data.js';

const ore = (input: string | number, decimalComma = false) => parseKronor(input, { decimalComma });

describe('parseKronor', () => {
  test('decimal strings and JSON numbers become exact integer öre', () => {
    expect(ore('32000.00')).toEqual({ ok: true, ore: 3_200_000 });
    expect(ore('32000.5')).toEqual({ ok: true, ore: 3_200_050 });
    expect(ore('-1250')).toEqual({ ok: true, ore: -125_000 });
    expect(ore('0.29')).toEqual({ ok: true, ore: 29 });
    expect(ore(' 007.10 ')).toEqual({ ok: true, ore: 710 });
    expect(ore(32000.5)).toEqual({ ok: true, ore: 3_200_050 });
    expect(ore(0.29)).toEqual({ ok: true, ore: 29 });
    expect(ore(1.15)).toEqual({ ok: true, ore: 115 });
    expect(ore(38500.0)).toEqual({ ok: true, ore: 3_850_000 });
    expect(ore('999999999.99')).toEqual({ ok: true, ore: 99_999_999_999 });
    expect(ore(999999999.99)).toEqual({ ok: true, ore: 99_999_999_999 });
  });

  test('zero is never negative zero', () => {
    for (const input of ['-0', '-0.00', -0]) {
      const parsed = ore(input);
      expect(parsed.ok && Object.is(parsed.ore, 0)).toBe(true);
    }
  });

  test('a decimal comma only where the caller allows it (CSV)', () => {
    expect(ore('32000,50', true)).toEqual({ ok: true, ore: 3_200_050 });
    expect(ore('-0,5', true)).toEqual({ ok: true, ore: -50 });
    expect(ore('32000,50')).toMatchObject({ ok: false, reason: 'decimal_comma' });
  });

  test.each([
    ['31 623,00 kr', true, 'currency', /"kr".*; thousands separators are not accepted/],
    ['31 623,00', true, 'thousands_separator', /thousands separators/],
    ['31\u00a0623,00', true, 'thousands_separator', /thousands separators/],
    ["31'623.00", false, 'thousands_separator', /thousands separators/],
    ['31.623,00', true, 'thousands_separator', /thousands separators/],
    ['31,623.00', false, 'thousands_separator', /thousands separators/],
    ['1.234.567', false, 'thousands_separator', /thousands separators/],
    ['31.623', false, 'too_many_decimals', /at most 2 decimals.*thousands separators/],
    ['1.005', false, 'too_many_decimals', /at most 2 decimals/],
    ['SEK 100', false, 'currency', /currency/],
    ['100:-', false, 'currency', /currency/],
    ['1e3', false, 'exponent', /exponent/],
    ['', false, 'empty', /empty/],
    ['abc', false, 'format', /not a number/],
    ['+5', false, 'format', /not a number/],
    ['.5', false, 'format', /not a number/],
    ['5.', false, 'format', /not a number/],
    ['1000000000', false, 'out_of_range', /too large/],
  ] as const)('refuses %j (decimal comma allowed: %s) as %s', (input, decimalComma, reason, message) => {
    const parsed = ore(input, decimalComma);
    expect(parsed).toMatchObject({ ok: false, reason });
    expect(parsed.ok ? '' : decimalProblemText(parsed.problems)).toMatch(message);
  });

  test('JSON numbers with more than two decimals, or too large, are refused', () => {
    expect(ore(1.005)).toMatchObject({ ok: false, reason: 'too_many_decimals' });
    expect(ore(1e-7)).toMatchObject({ ok: false, reason: 'too_many_decimals' });
    expect(ore(1e21)).toMatchObject({ ok: false, reason: 'out_of_range' });
    expect(ore(Number.NaN)).toMatchObject({ ok: false, reason: 'format' });
    expect(ore(Number.POSITIVE_INFINITY)).toMatchObject({ ok: false, reason: 'format' });
  });

  const anyOre = fc.integer({ min: -MAX_ABS_ORE, max: MAX_ABS_ORE });

  test('property: every öre amount written as text (point or comma) or as a JSON number reads back exactly', () => {
    fc.assert(
      fc.property(anyOre, (amount) => {
        const text = formatAmount(amount);
        expect(ore(text)).toEqual({ ok: true, ore: amount });
        expect(ore(text.replace('.', ','), true)).toEqual({ ok: true, ore: amount });
        // JSON.parse of the text gives the nearest double; its shortest form is the text again.
        expect(ore(JSON.parse(text) as number)).toEqual({ ok: true, ore: amount });
      }),
      { numRuns: 2000 },
    );
  });

  test('property: the display form with thousands separators is never read as an amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100_000, max: MAX_ABS_ORE }), (amount) => {
        expect(ore(formatMoney(amount), true)).toMatchObject({ ok: false, reason: 'thousands_separator' });
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatting öre', () => {
  test('Swedish display form and Kivra decimal form', () => {
    expect(formatMoney(3_162_300)).toBe('31\u00a0623,00');
    expect(formatMoney(-123_450)).toBe('-1\u00a0234,50');
    expect(formatMoney(5)).toBe('0,05');
    expect(formatAmount(-5)).toBe('-0.05');
    expect(formatAmount(3_200_000)).toBe('32000.00');
    expect(() => formatMoney(0.5)).toThrow();
  });
});

describe('parseDecimal for quantities and vacation days', () => {
  test('canonical text keeps the value exact', () => {
    const read = (input: string | number) => {
      const parsed = parseDecimal(input, { maxDecimals: 2, maxIntegerDigits: 6, decimalComma: true });
      return parsed.ok ? canonicalDecimal(parsed.parts) : parsed.reason;
    };
    expect(read('007.50')).toBe('7.5');
    expect(read('2,5')).toBe('2.5');
    expect(read(22)).toBe('22');
    expect(read('-0.00')).toBe('0');
    expect(read('1234567')).toBe('out_of_range');
    expect(read('1.255')).toBe('too_many_decimals');
  });
});
