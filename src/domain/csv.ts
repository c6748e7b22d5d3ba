import type { Ore } from './types.js';
import { formatAmount } from './format.js';

/**
 * CSV as RFC 4180 writes it: CRLF line ends, a field quoted when it holds the separator,
 * a quote, or a line break, and quotes doubled inside. `excel` is what Swedish Excel
 * opens by double-click: semicolons and a decimal comma (the comma is the decimal sign
 * there) and a BOM so å, ä and ö survive.
 */
export interface CsvDialect {
  separator: ',' | ';';
  decimal: '.' | ',';
  bom: boolean;
}

export const RFC4180: CsvDialect = { separator: ',', decimal: '.', bom: false };
export const EXCEL_SV: CsvDialect = { separator: ';', decimal: ',', bom: true };

/** Money in a CSV cell: exact öre, written with two decimals in the dialect's decimal sign. */
interface CsvAmount {
  readonly ore: Ore;
}

export function csvAmount(ore: Ore): CsvAmount {
  return { ore };
}

/**
 * One cell. The caller says what it is: a `string` is text, a `number` (ids, counts,
 * page numbers) and a `CsvAmount` are numbers, and only text is ever neutralised (below),
 * so `-500,00` stays a number a spreadsheet can add up.
 */
export type CsvCell = string | number | CsvAmount | null | undefined;

/**
 * What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): `=`, `+`,
 * `-`, `@`, and a leading tab or carriage return, which Excel skips before looking at
 * the next character. A name like `=HYPERLINK("http://…","klick")` from a careless or
 * hostile payroll export must arrive as text.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/**
 * A text cell that starts with a trigger gets a leading `'`, which spreadsheets take as
 * "this is text". It applies to every text cell without exception, even a lone `-` or
 * text that looks like a negative number (`-2+3` is a formula to Excel): exceptions are
 * where bypasses hide, and a caller with a number passes a number. Text the tool itself
 * produces (ISO dates and times, 12-digit personnummer, codes) never starts with a
 * trigger, so it is written as it is.
 */
function neutraliseText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

export function csvField(value: CsvCell, dialect: CsvDialect): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value, dialect);
  if (typeof value === 'object') return csvNumber(formatAmount(value.ore), dialect);
  const text = neutraliseText(value);
  return text.includes(dialect.separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvNumber(value: number | string, dialect: CsvDialect): string {
  // NaN or Infinity would reach a spreadsheet as text; only a bug produces one.
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`Not a number for a CSV cell: ${value}`);
  // A number's text is digits, a sign, an exponent and the decimal sign, which is never the
  // dialect's separator: a number is never quoted, so a spreadsheet reads it as a number.
  return String(value).replace('.', dialect.decimal);
}

export function csvLine(values: ReadonlyArray<CsvCell>, dialect: CsvDialect): string {
  return `${values.map((v) => csvField(v, dialect)).join(dialect.separator)}\r\n`;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<CsvCell>>, dialect: CsvDialect): string {
  return (dialect.bom ? '\uFEFF' : '') + csvLine(header, dialect) + rows.map((r) => csvLine(r, dialect)).join('');
}
