import { parseDecimal } from './decimal.js';
import type { DecimalFailure } from './decimal.js';
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
export const MAX_KRONOR_DIGITS = 9;
export const MAX_ABS_ORE: Ore = 10 ** (MAX_KRONOR_DIGITS + 2) - 1;

export type MoneyFailure = DecimalFailure;
export type ParsedMoney = { ok: true; ore: Ore } | { ok: false; reason: MoneyFailure; message: string };

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

/**
 * Thousands separator in formatKronor: U+00A0 NO-BREAK SPACE. It is what Swedish
 * typography (and Intl's sv-SE) groups with, it keeps `32 000,00` on one line in the PDF
 * and in terminal tables, and unlike U+202F it is in every font and code page we might
 * meet (WinAnsi, the PDF's embedded font, Windows consoles).
 */
export const THOUSANDS_SEPARATOR = '\u00a0';

/**
 * Swedish display form: `32 000,00`, `-1 234,50` (hyphen-minus, so the text can be
 * copied into a spreadsheet or grepped). For the PDF and the screen, not for parsing.
 */
export function formatKronor(ore: Ore): string {
  const { sign, kronor, oreDigits } = split(ore);
  const grouped = kronor.replace(/\B(?=(\d{3})+(?!\d))/g, THOUSANDS_SEPARATOR);
  return `${sign}${grouped},${oreDigits}`;
}

/**
 * Exact decimal text with two decimals, `"32000.00"`, `"-12.50"`, matching Kivra's
 * salaryslip amount pattern `^[-]?(0|[1-9][0-9]*)([.][0-9]{1,2})?$`.
 */
export function oreToDecimalString(ore: Ore): string {
  const { sign, kronor, oreDigits } = split(ore);
  return `${sign}${kronor}.${oreDigits}`;
}

function split(ore: Ore): { sign: string; kronor: string; oreDigits: string } {
  // Only öre computed by this module (or sums of them) reach here; a float is a bug.
  if (!Number.isSafeInteger(ore)) throw new Error(`Not an integer öre amount: ${ore}`);
  const magnitude = Math.abs(ore);
  return {
    sign: ore < 0 ? '-' : '',
    kronor: String(Math.floor(magnitude / 100)),
    oreDigits: String(magnitude % 100).padStart(2, '0'),
  };
}
