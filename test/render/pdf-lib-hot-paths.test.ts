import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { useFastPdfLibHelpers } from '../../src/render/pdf-lib-hot-paths.js';
import { requireFromPdfLib } from '../../src/render/pdf-lib-require.js';

/** The helpers as pdf-lib's own modules call them, after the fast versions are installed. */
function pdfLibUtils(): {
  numberToString: (value: number) => string;
  assertOrUndefined: (value: unknown, name: string, types: unknown[]) => void;
  toHexStringOfMinLength: (value: number, minLength: number) => string;
} {
  useFastPdfLibHelpers();
  return requireFromPdfLib('./utils/index') as ReturnType<typeof pdfLibUtils>;
}

describe("pdf-lib's number and option helpers, sped up", () => {
  const utils = pdfLibUtils();

  test('are the ones pdf-lib calls', () => {
    expect(utils.numberToString.name).toBe('fastNumberToString');
    expect(utils.assertOrUndefined.name).toBe('fastAssertOrUndefined');
    expect(utils.toHexStringOfMinLength.name).toBe('fastToHexStringOfMinLength');
  });

  test('write glyph ids as the same upper-case hex as before, padded to the length asked', () => {
    const original = (value: number, minLength: number): string => value.toString(16).padStart(minLength, '0').toUpperCase();
    for (const value of [0, 1, 0xa, 0xff, 0x1234, 0xfffe, 0xffff, 0x10000, 0x123456]) {
      for (const minLength of [1, 2, 4, 6]) expect(utils.toHexStringOfMinLength(value, minLength)).toBe(original(value, minLength));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffff }), (value) => {
        expect(utils.toHexStringOfMinLength(value, 4)).toBe(original(value, 4));
      }),
    );
  });

  test('write every coordinate and size as plain decimal PDF text that reads back as the same number', () => {
    // Near the ends of the double range pdf-lib's own conversion breaks down (5e-324
    // becomes "0.000…finity"); the fast path hands those to it unchanged.
    const onAPage = fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((v) => v === 0 || Math.abs(v) >= 1e-9);
    fc.assert(
      fc.property(onAPage, (value) => {
        const text = utils.numberToString(value);
        expect(text).toMatch(/^-?\d+(\.\d+)?$/);
        expect(Number.parseFloat(text)).toBeCloseTo(value, 10);
        if (!String(value).includes('e')) expect(text).toBe(String(value));
      }),
      { numRuns: 2000 },
    );
    expect(utils.numberToString(2e21)).toBe('2000000000000000000000');
  });

  test('let undefined and allowed types through, and refuse others with pdf-lib\'s own error', () => {
    expect(() => utils.assertOrUndefined(undefined, 'options.size', ['number'])).not.toThrow();
    expect(() => utils.assertOrUndefined(12, 'options.size', ['number'])).not.toThrow();
    expect(() => utils.assertOrUndefined([], 'options.lines', [Array])).not.toThrow();
    // The message is pdf-lib's own (it garbles the word undefined), from its original check.
    expect(() => utils.assertOrUndefined('12', 'options.size', ['number'])).toThrow(TypeError);
    expect(() => utils.assertOrUndefined('12', 'options.size', ['number'])).toThrow(/^`options.size` must be of type `number` or .*, but was actually of type `string`$/);
  });
});
