/**
 * The one decimal grammar the payroll export may use for amounts, quantities and
 * vacation days: an optional `-`, digits, and optionally a decimal point (or, where the
 * caller allows it, a decimal comma) followed by digits. Everything a spreadsheet adds
 * for humans — thousands separators, currency, exponents — is refused with a reason,
 * because guessing what `31.623` means is how a payslip ends up a thousand times wrong.
 *
 * JSON numbers are read through their shortest round-trip decimal string (`String(n)`),
 * so `0.29` is the text `0.29`, never the float `0.28999…` times 100.
 */

export type DecimalFailure =
  | 'empty'
  | 'format'
  | 'thousands_separator'
  | 'currency'
  | 'decimal_comma'
  | 'too_many_decimals'
  | 'exponent'
  | 'out_of_range';

interface DecimalOptions {
  maxDecimals: number;
  /** Digits allowed before the decimal point, leading zeros not counted. */
  maxIntegerDigits: number;
  /** Accept `32000,50` as well as `32000.50` (CSV only; JSON has its own numbers). */
  decimalComma?: boolean;
}

/** Sign, integer digits without leading zeros (`0` for none) and fraction digits as written. */
interface DecimalParts {
  negative: boolean;
  integer: string;
  fraction: string;
}

/**
 * One thing wrong with a number, as data: the catalogue says it (i18n/data.ts
 * `decimalProblemText`). The limits are carried where the words need them.
 */
export type DecimalProblem =
  | { reason: Exclude<DecimalFailure, 'too_many_decimals' | 'out_of_range'> }
  | { reason: 'too_many_decimals'; maxDecimals: number }
  | { reason: 'out_of_range'; maxIntegerDigits: number };

/** `reason` is the first of `problems`: everything wrong is said at once. */
type ParsedDecimal = { ok: true; parts: DecimalParts } | { ok: false; reason: DecimalFailure; problems: DecimalProblem[] };

/** A space-like or apostrophe grouping mark between digits: `31 623`, `31'623`. */
const GROUPING = /\d[ \u00a0\u202f\u2009'’]+\d/;
const CURRENCY = /kr|sek|:-|€|\$/i;
const CURRENCY_ALL = /kr|sek|:-|€|\$/gi;
const EXPONENT = /^[-+]?[\d.,]*\d[eE][-+]?\d+$/;
const SHAPE = /^(-?)(\d+)(?:[.,](\d+))?$/;

export function parseDecimal(input: string | number, options: DecimalOptions): ParsedDecimal {
  if (typeof input === 'number') return parseNumber(input, options);
  const text = input.trim();
  if (text === '') return fail({ reason: 'empty' });
  // Say everything that is wrong at once, so a value like `31 623,00 kr` is fixed in one go.
  const complaints: DecimalProblem[] = [];
  if (CURRENCY.test(text)) complaints.push({ reason: 'currency' });
  const bare = text.replace(CURRENCY_ALL, '').trim();
  if (EXPONENT.test(bare)) complaints.push({ reason: 'exponent' });
  if (GROUPING.test(bare)) complaints.push({ reason: 'thousands_separator' });
  const [first, ...more] = complaints;
  if (first) return fail(first, ...more);
  const commas = count(text, ',');
  const points = count(text, '.');
  if ((commas > 0 && points > 0) || commas > 1 || points > 1) return fail({ reason: 'thousands_separator' });
  // The comma may be a thousands separator just as well, so that is said too.
  if (commas === 1 && !options.decimalComma) return fail({ reason: 'decimal_comma' }, { reason: 'thousands_separator' });
  const match = SHAPE.exec(text);
  if (!match) return fail({ reason: 'format' });
  const [, sign = '', digits = '', fraction = ''] = match;
  if (fraction.length > options.maxDecimals) {
    const tooMany: DecimalProblem = { reason: 'too_many_decimals', maxDecimals: options.maxDecimals };
    // `31.623` is as likely thirty-one thousand as thirty-one and a bit.
    return fraction.length === 3 ? fail(tooMany, { reason: 'thousands_separator' }) : fail(tooMany);
  }
  const integer = digits.replace(/^0+(?=\d)/, '');
  if (integer.length > options.maxIntegerDigits) return fail({ reason: 'out_of_range', maxIntegerDigits: options.maxIntegerDigits });
  const isZero = /^0*$/.test(integer + fraction);
  return { ok: true, parts: { negative: sign === '-' && !isZero, integer, fraction } };
}

function parseNumber(value: number, options: DecimalOptions): ParsedDecimal {
  if (!Number.isFinite(value)) return fail({ reason: 'format' });
  const text = String(value);
  // String(n) only switches to exponent form below 1e-6 or from 1e21 upwards.
  if (/e/i.test(text)) {
    return Math.abs(value) >= 1
      ? fail({ reason: 'out_of_range', maxIntegerDigits: options.maxIntegerDigits })
      : fail({ reason: 'too_many_decimals', maxDecimals: options.maxDecimals });
  }
  return parseDecimal(text, { ...options, decimalComma: false });
}

/** Canonical text: no leading zeros, no trailing fraction zeros, no `-0` (`"007.50"` → `"7.5"`). */
export function canonicalDecimal(parts: DecimalParts): string {
  const fraction = parts.fraction.replace(/0+$/, '');
  const text = fraction === '' ? parts.integer : `${parts.integer}.${fraction}`;
  return parts.negative && text !== '0' ? `-${text}` : text;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function fail(first: DecimalProblem, ...more: DecimalProblem[]): ParsedDecimal {
  return { ok: false, reason: first.reason, problems: [first, ...more] };
}
