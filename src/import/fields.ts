import { canonicalDecimal, parseDecimal } from '../domain/decimal.js';
import { parseIsoDate } from '../domain/iso-date.js';
import { parseKronor } from '../domain/money.js';
import { parseOrgNumber } from '../domain/orgnumber.js';
import { TEXT_LIMITS, textProblem } from '../domain/text.js';
import { LINE_KINDS, PAY_RUN_STATUSES } from '../domain/types.js';
import type { IsoDate, LineKind, Ore, PayRunStatus } from '../domain/types.js';
import { decimalProblemText, orgNumberProblemText, textProblemText } from '../i18n/data.js';
import { t } from '../i18n/catalogue.js';
import { quoteValue, typeName } from './problems.js';
import type { ImportFormat } from './types.js';

/**
 * Checks for single values of the export, with the messages a payroll administrator
 * reads. JSON brings strings, numbers, booleans and null; CSV brings strings only (an
 * empty cell arrives as undefined), so the few rules that differ — decimal comma, yes/no
 * words — depend on the format.
 *
 * A check returns the normalised value, or an `Invalid` with the message. They run once
 * per value of an export with hundreds of thousands of lines, so success allocates
 * nothing beyond the value itself (no result object, no zod issue machinery).
 */

export class Invalid {
  constructor(readonly message: string) {}
}

/** A value that is not there: in the run's language, and recognised by `isMissing`. */
export function missing(): string {
  return t().import.missing;
}

export function isMissing(message: string): boolean {
  return message === t().import.missing;
}

export type Check<T> = (value: unknown) => T | Invalid;

function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function required<T>(check: Check<T>): Check<T> {
  return (value) => (isAbsent(value) ? new Invalid(missing()) : check(value));
}

/** Absent (missing, null or blank) gives null. */
function optional<T>(check: Check<T>): Check<T | null> {
  return (value) => (isAbsent(value) ? null : check(value));
}

/**
 * Text of at most `maxLength` characters without a control or invisible formatting
 * character (domain/text.ts), trimmed. Every text value of the export passes here, so the
 * rule is written once. A blank value never gets here (see required/optional): it counts
 * as not given, and nothing of it is stored.
 */
function text(maxLength: number): Check<string> {
  return (value) => {
    if (typeof value !== 'string') return new Invalid(t().import.mustBeText(typeName(value)));
    const problem = textProblem(value, maxLength);
    if (problem === null) return value.trim();
    return new Invalid(problem.kind === 'character' ? t().import.removeInPayrollSystem(textProblemText(problem)) : textProblemText(problem));
  };
}

/** Identifiers (employee number, pay run id, codes) may come as JSON integers: `1001`. */
function identifier(maxLength: number): Check<string> {
  const asText = text(maxLength);
  return (value) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : asText(value));
}

const date: Check<IsoDate> = (value) => {
  const parsed = typeof value === 'string' ? parseIsoDate(value.trim()) : null;
  return parsed ?? new Invalid(t().import.notADate(quoteValue(value)));
};

/**
 * `"32000.50"`, `"-1250"`, `123.4`: the shapes payroll systems write, read straight to
 * öre. Anything else (whitespace, a comma, too many digits) returns null and goes through
 * parseKronor, which accepts the same values and explains the rest.
 */
function fastKronor(value: string | number): Ore | null {
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Math.abs(value) > 999_999_999) return null;
    // `+ 0` turns -0 into 0, as parseKronor does.
    return value * 100 + 0;
  }
  const length = value.length;
  let index = value.charCodeAt(0) === 0x2d ? 1 : 0;
  const negative = index === 1;
  let whole = 0;
  const digitsStart = index;
  for (; index < length; index += 1) {
    const code = value.charCodeAt(index);
    if (code < 0x30 || code > 0x39) break;
    whole = whole * 10 + (code - 0x30);
  }
  const digits = index - digitsStart;
  if (digits === 0 || digits > 9) return null;
  let fraction = 0;
  if (index < length) {
    if (value.charCodeAt(index) !== 0x2e) return null;
    const first = value.charCodeAt(index + 1) - 0x30;
    if (!(first >= 0 && first <= 9)) return null;
    fraction = first * 10;
    if (index + 2 < length) {
      const second = value.charCodeAt(index + 2) - 0x30;
      if (!(second >= 0 && second <= 9) || index + 3 !== length) return null;
      fraction += second;
    }
  }
  const ore = whole * 100 + fraction;
  return negative && ore !== 0 ? -ore : ore;
}

function money(format: ImportFormat): Check<Ore> {
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      return new Invalid(t().import.notAnAmountType(typeName(value)));
    }
    const fast = fastKronor(value);
    if (fast !== null) return fast;
    const parsed = parseKronor(value, { decimalComma: format === 'csv' });
    return parsed.ok ? parsed.ore : new Invalid(t().import.notAnAmount(quoteValue(value), decimalProblemText(parsed.problems)));
  };
}

/** Already canonical decimal text (see canonicalDecimal): no leading or trailing zeros, at most 2 decimals. */
const CANONICAL_DECIMAL = /^-?(?:0|[1-9]\d{0,5})(?:\.\d?[1-9])?$/;

/** Quantities and vacation days: exact decimal text, two decimals like Kivra's amounts. */
function decimal(format: ImportFormat): Check<string> {
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      return new Invalid(t().import.notANumberType(typeName(value)));
    }
    // The common case: a small integer or text that is its own canonical form ("-0" is not).
    if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 1_000_000) return String(value);
    if (typeof value === 'string' && CANONICAL_DECIMAL.test(value) && value !== '-0') return value;
    const parsed = parseDecimal(value, { maxDecimals: 2, maxIntegerDigits: 6, decimalComma: format === 'csv' });
    return parsed.ok ? canonicalDecimal(parsed.parts) : new Invalid(t().import.notANumber(quoteValue(value), decimalProblemText(parsed.problems)));
  };
}

const CSV_BOOLEANS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
  ja: true,
  nej: false,
};

function boolean(format: ImportFormat): Check<boolean> {
  return (value) => {
    if (typeof value === 'boolean') return value;
    if (format === 'csv' && typeof value === 'string') {
      const known = Object.hasOwn(CSV_BOOLEANS, value.trim().toLowerCase()) ? CSV_BOOLEANS[value.trim().toLowerCase()] : undefined;
      if (known !== undefined) return known;
      return new Invalid(t().import.notYesNo(quoteValue(value)));
    }
    return new Invalid(t().import.mustBeBoolean(typeName(value)));
  };
}

function oneOf<T extends string>(values: readonly T[], what: string): Check<T> {
  return (value) => {
    const candidate = typeof value === 'string' ? value.trim() : value;
    return (values as readonly unknown[]).includes(candidate)
      ? (candidate as T)
      : new Invalid(t().import.unknownValue(what, quoteValue(value), values.join(', ')));
  };
}

const orgNumberInput = identifier(TEXT_LIMITS.orgNumber);

const orgNumber: Check<string> = (value) => {
  const input = orgNumberInput(value);
  if (input instanceof Invalid) return input;
  const parsed = parseOrgNumber(input);
  return parsed.ok ? parsed.value : new Invalid(t().import.orgNumber(orgNumberProblemText(parsed.reason), quoteValue(input)));
};

const personnummerText = text(TEXT_LIMITS.personnummer);

/**
 * The personnummer as given: text, or digits as a JSON number; absent gives null. It
 * is validated per employee later, because a bad one is a warning, not a refusal; text
 * that is too long or holds a control character is refused here, like any other text.
 */
const personnummerInput: Check<string> = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : personnummerText(value);

const lineKind = oneOf(LINE_KINDS, 'kind');

/** The text fields, each with its own cap (domain/text.ts, TEXT_LIMITS). */
export interface TextChecks {
  personName: Check<string>;
  companyName: Check<string>;
  street: Check<string | null>;
  postalCode: Check<string | null>;
  city: Check<string | null>;
  email: Check<string | null>;
  phone: Check<string | null>;
  lineText: Check<string>;
  unit: Check<string | null>;
  employeeNumber: Check<string>;
  payRunId: Check<string>;
  lineCode: Check<string | null>;
  taxTable: Check<string | null>;
}

/** Built once: the text checks are the same for JSON and CSV. */
const TEXT_CHECKS: TextChecks = {
  personName: required(text(TEXT_LIMITS.personName)),
  companyName: required(text(TEXT_LIMITS.companyName)),
  street: optional(text(TEXT_LIMITS.street)),
  postalCode: optional(text(TEXT_LIMITS.postalCode)),
  city: optional(text(TEXT_LIMITS.city)),
  email: optional(text(TEXT_LIMITS.email)),
  phone: optional(text(TEXT_LIMITS.phone)),
  lineText: required(text(TEXT_LIMITS.lineText)),
  unit: optional(text(TEXT_LIMITS.unit)),
  employeeNumber: required(identifier(TEXT_LIMITS.identifier)),
  payRunId: required(identifier(TEXT_LIMITS.identifier)),
  lineCode: optional(identifier(TEXT_LIMITS.identifier)),
  taxTable: optional(identifier(TEXT_LIMITS.taxTable)),
};

export interface FieldChecks extends TextChecks {
  requiredDate: Check<IsoDate>;
  optionalDate: Check<IsoDate | null>;
  requiredMoney: Check<Ore>;
  optionalMoney: Check<Ore | null>;
  optionalDecimal: Check<string | null>;
  optionalBoolean: Check<boolean | null>;
  orgNumber: Check<string>;
  personnummerInput: Check<string | null>;
  lineKind: Check<LineKind>;
  payRunStatus: Check<PayRunStatus>;
}

export function fieldChecks(format: ImportFormat): FieldChecks {
  return {
    ...TEXT_CHECKS,
    requiredDate: required(date),
    optionalDate: optional(date),
    requiredMoney: required(money(format)),
    optionalMoney: optional(money(format)),
    optionalDecimal: optional(decimal(format)),
    optionalBoolean: optional(boolean(format)),
    orgNumber: required(orgNumber),
    personnummerInput: optional(personnummerInput),
    /** docs/import-format.md: a line without a kind is `gross`. */
    lineKind: (value) => (isAbsent(value) ? 'gross' : lineKind(value)),
    payRunStatus: required(oneOf(PAY_RUN_STATUSES, 'status')),
  };
}

const peekable = identifier(TEXT_LIMITS.identifier);

/** An identifier read without reporting, to cross-check records whose other fields failed. */
export function peekIdentifier(record: unknown, key: string): string | null {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) return null;
  const value: unknown = (record as Record<string, unknown>)[key];
  if (isAbsent(value)) return null;
  const result = peekable(value);
  return result instanceof Invalid ? null : result;
}
