import { z } from 'zod';
import { canonicalDecimal, parseDecimal } from '../domain/decimal.js';
import { parseIsoDate } from '../domain/iso-date.js';
import { parseKronor } from '../domain/money.js';
import { describeOrgNumberFailure, parseOrgNumber } from '../domain/orgnumber.js';
import { LINE_KINDS, PAY_RUN_STATUSES } from '../domain/types.js';
import type { IsoDate, LineKind, Ore } from '../domain/types.js';
import { quoteValue } from './problems.js';
import type { ImportFormat } from './types.js';

/**
 * zod schemas for single values of the export, with the messages a payroll
 * administrator reads. JSON brings strings, numbers, booleans and null; CSV brings
 * strings only (an empty cell arrives as undefined), so the few rules that differ —
 * decimal comma, yes/no words — depend on the format.
 */

export const MISSING = 'missing';

type Check<T> = (value: unknown) => { ok: true; value: T } | { ok: false; message: string };

/** A schema that runs `check` and reports its message as the issue at this path. */
function field<T>(check: Check<T>): z.ZodType<T, unknown> {
  return z.unknown().transform((value, ctx): T => {
    const result = check(value);
    if (result.ok) return result.value;
    ctx.issues.push({ code: 'custom', message: result.message, input: value });
    return z.NEVER;
  });
}

function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function requiredField<T>(check: Check<T>): z.ZodType<T, unknown> {
  return field<T>((value) => (isAbsent(value) ? { ok: false, message: MISSING } : check(value)));
}

/**
 * Absent (missing, null or blank) gives null. `.default` is what tells zod the key may
 * be left out of an object; the transform alone would be reported as a missing key.
 */
function optionalField<T>(check: Check<T>) {
  return field<T | null>((value) => (isAbsent(value) ? { ok: true, value: null } : check(value))).default(null);
}

const text: Check<string> = (value) =>
  typeof value === 'string' ? { ok: true, value: value.trim() } : { ok: false, message: `must be text, not ${typeName(value)}` };

/** Identifiers (employee number, pay run id, codes) may come as JSON integers: `1001`. */
const identifier: Check<string> = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) ? { ok: true, value: String(value) } : text(value);

const date: Check<IsoDate> = (value) => {
  const parsed = typeof value === 'string' ? parseIsoDate(value.trim()) : null;
  return parsed === null
    ? { ok: false, message: `not a date: ${quoteValue(value)} (expected YYYY-MM-DD, a day that exists)` }
    : { ok: true, value: parsed };
};

function money(format: ImportFormat): Check<Ore> {
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      return { ok: false, message: `not an amount: must be a number or decimal text, not ${typeName(value)}` };
    }
    const parsed = parseKronor(value, { decimalComma: format === 'csv' });
    return parsed.ok ? { ok: true, value: parsed.ore } : { ok: false, message: `not an amount: ${quoteValue(value)}: ${parsed.message}` };
  };
}

/** Quantities and vacation days: exact decimal text, two decimals like Kivra's amounts. */
function decimal(format: ImportFormat): Check<string> {
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      return { ok: false, message: `not a number: must be a number or decimal text, not ${typeName(value)}` };
    }
    const parsed = parseDecimal(value, { maxDecimals: 2, maxIntegerDigits: 6, decimalComma: format === 'csv' });
    return parsed.ok
      ? { ok: true, value: canonicalDecimal(parsed.parts) }
      : { ok: false, message: `not a number: ${quoteValue(value)}: ${parsed.message}` };
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
    if (typeof value === 'boolean') return { ok: true, value };
    if (format === 'csv' && typeof value === 'string') {
      const known = CSV_BOOLEANS[value.trim().toLowerCase()];
      if (known !== undefined) return { ok: true, value: known };
      return { ok: false, message: `not a yes/no value: ${quoteValue(value)} (use true/false, 1/0, yes/no or ja/nej)` };
    }
    return { ok: false, message: `must be true or false, not ${typeName(value)}` };
  };
}

function oneOf<T extends string>(values: readonly T[], what: string): Check<T> {
  return (value) => {
    const candidate = typeof value === 'string' ? value.trim() : value;
    return (values as readonly unknown[]).includes(candidate)
      ? { ok: true, value: candidate as T }
      : { ok: false, message: `unknown ${what} ${quoteValue(value)} (use ${values.join(', ')})` };
  };
}

const orgNumber: Check<string> = (value) => {
  const input = identifier(value);
  if (!input.ok) return input;
  const parsed = parseOrgNumber(input.value);
  return parsed.ok
    ? { ok: true, value: parsed.value }
    : { ok: false, message: `${describeOrgNumberFailure(parsed.reason)}: ${quoteValue(input.value)}` };
};

/**
 * The personnummer as given: text, or digits as a JSON number; absent gives null. It
 * is validated per employee later, because a bad one is a warning, not a refusal.
 */
const personnummerInput: Check<string> = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? { ok: true, value: String(value) } : text(value);

export function fieldSchemas(format: ImportFormat) {
  return {
    requiredText: requiredField(text),
    optionalText: optionalField(text),
    requiredId: requiredField(identifier),
    optionalId: optionalField(identifier),
    requiredDate: requiredField(date),
    optionalDate: optionalField(date),
    requiredMoney: requiredField(money(format)),
    optionalMoney: optionalField(money(format)),
    optionalDecimal: optionalField(decimal(format)),
    optionalBoolean: optionalField(boolean(format)),
    orgNumber: requiredField(orgNumber),
    personnummerInput: optionalField(personnummerInput),
    /** SPEC §4: a line without a kind is `gross`. */
    lineKind: field<LineKind>((value) => (isAbsent(value) ? { ok: true, value: 'gross' } : oneOf(LINE_KINDS, 'kind')(value))).default(
      'gross',
    ),
    payRunStatus: requiredField(oneOf(PAY_RUN_STATUSES, 'status')),
  };
}

/** An identifier read without reporting, to cross-check records whose other fields failed. */
export function peekIdentifier(record: unknown, key: string): string | null {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) return null;
  const value: unknown = (record as Record<string, unknown>)[key];
  if (isAbsent(value)) return null;
  const result = identifier(value);
  return result.ok ? result.value : null;
}
