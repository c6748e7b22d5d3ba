import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { daysInMonth } from '../../src/domain/iso-date.js';
import { luhnCheckDigit } from '../../src/domain/luhn.js';
import { parsePersonnummer } from '../../src/domain/personnummer.js';
import { VENDOR_DIR } from '../helpers/cli.js';
import { formatPersonnummer, maskPersonnummer } from '../../src/domain/format.js';

const TESTDATA = join(VENDOR_DIR, 'testdata');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(TESTDATA, path), 'utf8')) as T;

interface MetaEntry {
  long_format: string;
  short_format: string;
  separated_format: string;
  separated_long: string;
  valid: boolean;
  type: 'ssn' | 'con' | 'interim';
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** A valid 10-digit number for a birth date, with the check digit computed. */
function tenDigits(year: number, month: number, day: number, serial: number): string {
  const nine = `${pad(year % 100)}${pad(month)}${pad(day)}${pad(serial, 3)}`;
  return `${nine}${luhnCheckDigit(nine)}`;
}

describe('personnummer against Skatteverket test numbers', () => {
  const numbers = readJson<string[]>('skatteverket-testpersonnummer.json');

  test('the file holds the 41,493 numbers the README promises', () => {
    expect(numbers).toHaveLength(41_493);
  });

  // A reference in the middle of a year catches century mistakes for people who turn 100
  // later that year (born in the second half of 1925 here).
  test.each(['2025-06-15', '2026-11-23'])('every one is valid in each written form (reference %s)', (reference) => {
    const referenceYear = Number(reference.slice(0, 4));
    const wrong: string[] = [];
    for (const number of numbers) {
      const short = `${number.slice(2, 8)}${Number(number.slice(0, 4)) <= referenceYear - 100 ? '+' : '-'}${number.slice(8)}`;
      const forms = [number, `${number.slice(0, 8)}-${number.slice(8)}`, short];
      for (const form of forms) {
        const parsed = parsePersonnummer(form, reference);
        if (!parsed.ok || parsed.value !== number || parsed.kind !== 'personnummer') wrong.push(`${form}: ${JSON.stringify(parsed)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('personnummer against the personnummer libraries shared test data', () => {
  const reference = '2026-11-23';
  const list = readJson<MetaEntry[]>('personnummer-meta/list.json');

  test.each(list.map((entry) => [entry.separated_long, entry] as const))('%s is classified as listed', (_name, entry) => {
    for (const form of [entry.long_format, entry.short_format, entry.separated_format, entry.separated_long]) {
      const parsed = parsePersonnummer(form, reference);
      expect({ form, ok: parsed.ok }).toEqual({ form, ok: entry.valid });
      if (parsed.ok) expect(parsed.kind).toBe(entry.type === 'con' ? 'samordningsnummer' : 'personnummer');
    }
    const separated = parsePersonnummer(entry.separated_format, reference);
    // The separator carries the century, so the 10-digit separated form normalises exactly.
    if (separated.ok) expect(separated.value).toBe(entry.long_format);
    const long = parsePersonnummer(entry.separated_long, reference);
    if (long.ok) expect(long.value).toBe(entry.long_format);
  });

  test('interim numbers are recognised and refused for Kivra; a wrong letter is not one', () => {
    const interim = readJson<MetaEntry[]>('personnummer-meta/interim.json');
    expect(interim.length).toBeGreaterThan(10);
    for (const entry of interim) {
      for (const form of [entry.long_format, entry.short_format, entry.separated_format, entry.separated_long]) {
        expect({ form, result: parsePersonnummer(form, reference) }).toEqual({
          form,
          result: { ok: false, reason: entry.valid ? 'interim' : 'format' },
        });
      }
    }
  });

  test('organisationsnummer are not personnummer', () => {
    const orgs = readJson<Array<{ short_format: string; separated_format: string }>>('personnummer-meta/orgnumber.json');
    for (const entry of orgs) {
      expect(parsePersonnummer(entry.short_format, reference).ok).toBe(false);
      expect(parsePersonnummer(entry.separated_format, reference).ok).toBe(false);
    }
  });

  test('structured cases: integers and strings, valid and invalid', () => {
    type Group = { integer: { valid: number[]; invalid: number[] }; string: { valid: string[]; invalid: string[] } };
    const structured = readJson<Record<'ssn' | 'con', Group>>('personnummer-meta/structured.json');
    for (const group of Object.values(structured)) {
      for (const value of [...group.integer.valid.map(String), ...group.string.valid]) {
        expect({ value, ok: parsePersonnummer(value, reference).ok }).toEqual({ value, ok: true });
      }
      for (const value of [...group.integer.invalid.map(String), ...group.string.invalid]) {
        expect({ value, ok: parsePersonnummer(value, reference).ok }).toEqual({ value, ok: false });
      }
    }
  });
});

describe('parsePersonnummer rules', () => {
  test('10 and 12 digits, with or without a separator, all normalise to 12 digits', () => {
    const cases: Array<[string, string]> = [
      ['19121212-1212', '191212121212'],
      ['191212121212', '191212121212'],
      ['121212+1212', '191212121212'],
      ['121212-1212', '201212121212'],
      ['1212121212', '201212121212'],
      [' 19121212-1212 ', '191212121212'],
    ];
    for (const [form, value] of cases) {
      expect({ form, parsed: parsePersonnummer(form, '2026-01-01') }).toMatchObject({ form, parsed: { ok: true, value } });
    }
  });

  test('the century of a 10-digit number is inferred from the reference date', () => {
    // Born 2010-06-01: under 100 at either reference, so `-` means the 2000s...
    expect(parsePersonnummer(`${tenDigits(2010, 6, 1, 123).slice(0, 6)}-${tenDigits(2010, 6, 1, 123).slice(6)}`, '2026-01-01')).toMatchObject({
      ok: true,
      birthDate: '2010-06-01',
    });
    // ...but a date after the reference day is last century.
    const late = tenDigits(26, 6, 1, 123);
    expect(parsePersonnummer(late, '2026-03-01')).toMatchObject({ ok: true, birthDate: '1926-06-01' });
    expect(parsePersonnummer(late, '2026-07-01')).toMatchObject({ ok: true, birthDate: '2026-06-01' });
    // `+` from the calendar year someone turns 100, before their birthday too.
    const plus = `${late.slice(0, 6)}+${late.slice(6)}`;
    expect(parsePersonnummer(plus, '2026-03-01')).toMatchObject({ ok: true, birthDate: '1926-06-01' });
    expect(parsePersonnummer(plus, '2025-12-31')).toMatchObject({ ok: true, birthDate: '1826-06-01' });
    expect(parsePersonnummer(plus, '2027-01-01')).toMatchObject({ ok: true, birthDate: '1926-06-01' });
  });

  test('leap days exist only in leap years', () => {
    const leap = tenDigits(2000, 2, 29, 239);
    expect(parsePersonnummer(`20${leap}`, '2026-01-01')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    expect(parsePersonnummer(`${leap.slice(0, 6)}-${leap.slice(6)}`, '2026-01-01')).toMatchObject({ ok: true, birthDate: '2000-02-29' });
    // With `+` the same digits are 1900, which was not a leap year.
    expect(parsePersonnummer(`${leap.slice(0, 6)}+${leap.slice(6)}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer(`19${leap}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer(`20${tenDigits(2023, 2, 29, 239)}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer(`20${tenDigits(2024, 2, 29, 239)}`, '2026-01-01')).toMatchObject({ ok: true });
  });

  test('samordningsnummer add 60 to the day, leap days included', () => {
    expect(parsePersonnummer(`20${tenDigits(2024, 2, 89, 5)}`, '2026-01-01')).toMatchObject({
      ok: true,
      kind: 'samordningsnummer',
      birthDate: '2024-02-29',
      value: `20${tenDigits(2024, 2, 89, 5)}`,
    });
    expect(parsePersonnummer(`19${tenDigits(1999, 2, 89, 5)}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer(`19${tenDigits(1999, 4, 91, 5)}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
    expect(parsePersonnummer(`19${tenDigits(1999, 4, 60, 5)}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
  });

  test('refusals say why: format, date, checksum', () => {
    const reference = '2026-01-01';
    expect(parsePersonnummer('', reference)).toEqual({ ok: false, reason: 'format' });
    expect(parsePersonnummer('19121212 1212', reference)).toEqual({ ok: false, reason: 'format' });
    expect(parsePersonnummer('19121212--1212', reference)).toEqual({ ok: false, reason: 'format' });
    expect(parsePersonnummer('1212121213', reference)).toEqual({ ok: false, reason: 'checksum' });
    expect(parsePersonnummer(tenDigits(2015, 9, 16, 0), reference)).toEqual({ ok: false, reason: 'serial' });
    expect(parsePersonnummer('19121312-1212', reference)).toEqual({ ok: false, reason: 'date' });
    // A 12-digit number cannot be born after the day it is read.
    expect(parsePersonnummer(`20${tenDigits(2026, 6, 1, 123)}`, '2026-01-01')).toEqual({ ok: false, reason: 'date' });
  });

  test('property: every real birth date and serial gives a valid number that normalises back', () => {
    const reference = '2026-11-23';
    const birth = fc
      .record({ year: fc.integer({ min: 1927, max: 2025 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
      .filter(({ year, month, day }) => day <= daysInMonth(year, month));
    fc.assert(
      fc.property(birth, fc.integer({ min: 1, max: 999 }), fc.boolean(), ({ year, month, day }, serial, samordning) => {
        const digits = tenDigits(year, month, day + (samordning ? 60 : 0), serial);
        const twelve = `${String(year).slice(0, 2)}${digits}`;
        for (const form of [digits, `${digits.slice(0, 6)}-${digits.slice(6)}`, twelve, `${twelve.slice(0, 8)}-${twelve.slice(8)}`]) {
          const parsed = parsePersonnummer(form, reference);
          expect(parsed).toEqual({
            ok: true,
            value: twelve,
            kind: samordning ? 'samordningsnummer' : 'personnummer',
            birthDate: `${year}-${pad(month)}-${pad(day)}`,
          });
        }
        // Any other check digit is refused.
        const wrong = `${twelve.slice(0, 11)}${(Number(twelve[11]) + 1 + (serial % 9)) % 10}`;
        expect(parsePersonnummer(wrong, reference)).toEqual({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 500 },
    );
  });

  test('formatting and masking for the screen', () => {
    expect(formatPersonnummer('191212121212')).toBe('19121212-1212');
    expect(maskPersonnummer('191212121212')).toBe('19121212-****');
    expect(() => maskPersonnummer('1212121212')).toThrow();
  });
});
