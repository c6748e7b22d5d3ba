import { requireFromPdfLib } from './pdf-lib-require.js';

/**
 * Helpers pdf-lib calls for every number, every option and every glyph were, together,
 * about a tenth of a payslip's render time in the profile (BENCHMARKS.md). Each is
 * replaced by a version that returns the same value, or throws the same error, and takes
 * a fast path for the common case:
 *
 * - `numberToString` turns a number into PDF text without exponent notation; it split the
 *   string twice to look for an exponent even when there is none. `String(n)` is already
 *   the answer whenever it has no `e`, and the original still handles the rest.
 * - `assertOrUndefined` copied its list of allowed types on every call to add
 *   `'undefined'`. Undefined passes at once now; a value of an allowed type passes through
 *   the same `isType` checks; anything else goes to the original, for its exact message.
 * - `toHexStringOfMinLength(n, 4)` writes each glyph id of each text (and of each font's
 *   ToUnicode map) as four hex digits, padding in a loop; each such string is now made
 *   once per process.
 *
 * pdf-lib's modules call these through its `utils` index (copied there by tslib), and
 * its validators module through its own exports; both places are replaced.
 */

type NumberToString = (value: number) => string;
type TypeList = unknown[];
type AssertOrUndefined = (value: unknown, name: string, types: TypeList) => void;
type IsType = (value: unknown, type: unknown) => boolean;
type ToHexStringOfMinLength = (value: number, minLength: number) => string;

interface PdfLibUtils {
  numberToString: NumberToString;
  assertOrUndefined: AssertOrUndefined;
  isType: IsType;
  toHexStringOfMinLength: ToHexStringOfMinLength;
}

let installed = false;

export function useFastPdfLibHelpers(): void {
  if (installed) return;
  const index = requireFromPdfLib('./utils/index') as PdfLibUtils;
  const numbers = requireFromPdfLib('./utils/numbers') as PdfLibUtils;
  const validators = requireFromPdfLib('./utils/validators') as PdfLibUtils;
  const strings = requireFromPdfLib('./utils/strings') as PdfLibUtils;

  const numberToString = numbers.numberToString;
  const fastNumberToString: NumberToString = (value) => {
    const text = String(value);
    return text.includes('e') ? numberToString(value) : text;
  };

  const assertOrUndefined = validators.assertOrUndefined;
  const isType = validators.isType;
  const fastAssertOrUndefined: AssertOrUndefined = (value, name, types) => {
    if (value === undefined) return;
    for (const type of types) if (isType(value, type)) return;
    assertOrUndefined(value, name, types);
  };

  const toHexStringOfMinLength = strings.toHexStringOfMinLength;
  const fourDigits: string[] = [];
  const fastToHexStringOfMinLength: ToHexStringOfMinLength = (value, minLength) => {
    if (minLength !== 4 || !Number.isInteger(value) || value < 0 || value > 0xffff) return toHexStringOfMinLength(value, minLength);
    return (fourDigits[value] ??= toHexStringOfMinLength(value, 4));
  };

  for (const module of [index, numbers]) module.numberToString = fastNumberToString;
  for (const module of [index, strings]) module.toHexStringOfMinLength = fastToHexStringOfMinLength;
  for (const module of [index, validators]) module.assertOrUndefined = fastAssertOrUndefined;
  installed = true;
}
