import { parse } from 'csv-parse/sync';
import { t } from '../i18n/catalogue.js';
import type { ImportProblem } from './types.js';

/**
 * Reads one CSV file of the export into rows keyed by column name, with the line each
 * row starts on. Comma-separated as docs/import-format.md says; a header with semicolons and no
 * commas is read as semicolon-separated, because that is what Swedish Excel saves.
 */

export interface CsvRow {
  line: number;
  /** Column → cell; an empty or blank cell is undefined, as a missing JSON field is. */
  values: ReadonlyMap<string, string | undefined>;
}

export interface CsvTable {
  rows: CsvRow[];
  headerLine: number;
  /** Required columns the header lacks. */
  missingColumns: string[];
}

type CsvTableResult = { ok: true; table: CsvTable; problems: ImportProblem[] } | { ok: false; problems: ImportProblem[] };

interface CsvRecord {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function readCsvTable(file: string, text: string, requiredColumns: readonly string[]): CsvTableResult {
  // csv-parse miscounts lines for CRLF input, and a line ending inside a quoted cell is
  // data we keep either way, so read everything with LF endings.
  const normalised = text.replace(/\r\n?/g, '\n');
  const firstLine = normalised.replace(/^\ufeff/, '').split('\n', 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';

  let records: CsvRecord[];
  try {
    // With info and raw, each record comes as { record, raw, info }; the typings do not say so.
    records = parse(normalised, {
      bom: true,
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as CsvRecord[];
  } catch (error) {
    const { lines: line, code } = error as { lines?: unknown; code?: unknown };
    // The faults an export has, in the run's language; anything rarer as the parser says it.
    const why = (typeof code === 'string' ? t().import.csvSyntax[code] : undefined) ?? (error as Error).message;
    return { ok: false, problems: [{ file, line: typeof line === 'number' ? line : null, field: '', message: t().import.notCsv(why) }] };
  }

  const [header, ...body] = records;
  if (header === undefined) {
    return { ok: false, problems: [{ file, line: null, field: '', message: t().import.emptyCsv }] };
  }
  const headerLine = startLine(header);
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const problems: ImportProblem[] = [];
  columns.forEach((name, index) => {
    if (name !== '' && columns.indexOf(name) !== index) {
      problems.push({ file, line: headerLine, field: name, message: t().import.columnTwice });
    }
  });
  const missingColumns = requiredColumns.filter((name) => !columns.includes(name));
  for (const name of missingColumns) problems.push({ file, line: headerLine, field: name, message: t().import.missingColumn });

  const rows: CsvRow[] = [];
  for (const record of body) {
    // Spreadsheets pad files with rows of empty cells (`,,,,`); those are not records.
    if (record.record.every((cell) => cell.trim() === '')) continue;
    const line = startLine(record);
    if (record.record.length !== columns.length) {
      problems.push({ file, line, field: '', message: t().import.rowLength(record.record.length, columns.length) });
    }
    const values = new Map<string, string | undefined>();
    columns.forEach((name, index) => {
      if (name === '' || values.has(name)) return;
      const cell = record.record[index];
      values.set(name, cell === undefined || cell.trim() === '' ? undefined : cell);
    });
    rows.push({ line, values });
  }
  return { ok: true, table: { rows, headerLine, missingColumns }, problems };
}

/** info.lines is the line a record ends on; a quoted cell may span several lines. */
function startLine(record: CsvRecord): number {
  const own = record.raw.replace(/^\n+/, '').replace(/\n$/, '');
  return record.info.lines - (own.split('\n').length - 1);
}
