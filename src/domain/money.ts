import { parseDecimal } from './decimal.js';
import type { DecimalFailure, DecimalProblem } from './decimal.js';
import type { Ore } from './types.js';

/**
 * Exact money: kronor in, integer öre out, never a float in between (see decimal.ts for
 * the accepted grammar).
 */

/**
 * The largest amount accepted, in whole kronor digits: 999 999 999,99 kr. No payslip
 * comes near it, and sums of thousands of such amounts stay far inside
 * Number.MAX_SAFE_INTEGER, so öre arithmetic stays exact.
 */
const MAX_KRONOR_DIGITS = 9;
export const MAX_ABS_ORE: Ore = 10 ** (MAX_KRONOR_DIGITS + 2) - 1;

type MoneyFailure = DecimalFailure;
type ParsedMoney = { ok: true; ore: Ore } | { ok: false; reason: MoneyFailure; problems: DecimalProblem[] };

/**
 * Parses kronor from export text (`"32000.50"`, `"-1250"`; with `decimalComma` also
 * `"32000,50"`) or a JSON number (`32000.5`) into öre.
 */
export function parseKronor(input: string | number, options: { decimalComma?: boolean } = {}): ParsedMoney {
  const parsed = parseDecimal(input, {
    maxDecimals: 2,
    maxIntegerDigits: MAX_KRONOR_DIGITS,
    decimalComma: options.decimalComma ?? false,
  });
  if (!parsed.ok) return parsed;
  const { negative, integer, fraction } = parsed.parts;
  // At most 11 digits, so this string-to-integer step is exact.
  const magnitude = Number(integer) * 100 + Number(fraction.padEnd(2, '0'));
  return { ok: true, ore: negative ? -magnitude : magnitude };
}
