import type { IsoDate } from './types.js';

/** Days in a month of the proleptic Gregorian calendar (what Skatteverket and ISO 8601 use). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** `YYYY-MM-DD` exactly (no time, no other separators), and a date that exists. */
export function parseIsoDate(text: string): IsoDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [, y, m, d] = match;
  return isCalendarDate(Number(y), Number(m), Number(d)) ? text : null;
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Throws for a malformed reference date: passing one is the caller's job, so it is a bug. */
export function assertIsoDate(value: string, name: string): IsoDate {
  const date = parseIsoDate(value);
  if (date === null) throw new Error(`${name} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
  return date;
}
