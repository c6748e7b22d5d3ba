/**
 * CSV as RFC 4180 writes it: CRLF line ends, a field quoted when it holds the separator,
 * a quote, or a line break, and quotes doubled inside. `excel` is what Swedish Excel
 * opens by double-click: semicolons (the comma is the decimal sign there) and a BOM so
 * å, ä and ö survive.
 */
export interface CsvDialect {
  separator: ',' | ';';
  bom: boolean;
}

export const RFC4180: CsvDialect = { separator: ',', bom: false };
export const EXCEL_SV: CsvDialect = { separator: ';', bom: true };

export function csvField(value: string | number | null | undefined, separator: string): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: ReadonlyArray<string | number | null | undefined>, dialect: CsvDialect): string {
  return `${values.map((v) => csvField(v, dialect.separator)).join(dialect.separator)}\r\n`;
}

export function csvDocument(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>, dialect: CsvDialect): string {
  return (dialect.bom ? '\uFEFF' : '') + csvLine(header, dialect) + rows.map((r) => csvLine(r, dialect)).join('');
}
