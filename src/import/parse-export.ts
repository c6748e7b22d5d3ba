import type { IsoDate } from '../domain/types.js';
import { assembleCsvExport } from './csv-export.js';
import type { CsvExportFiles } from './csv-export.js';
import { sortProblems } from './problems.js';
import type { PayrollImportResult } from './types.js';
import { validatePayrollData } from './validate.js';

/**
 * The CSV import format from text to result, without touching the file system (see
 * read-payroll-export.ts for that), so tests and other callers can feed text directly.
 * JSON is read as a stream from its file instead (json-export.ts).
 */

export interface ParseExportOptions {
  /** The day of the import; 10-digit personnummer are placed in a century relative to it. */
  referenceDate: IsoDate;
  /** Bytes of a JSON file read at a time; tests make it tiny to put chunk boundaries everywhere. */
  chunkSize?: number;
}

export function parsePayrollCsv(files: CsvExportFiles, options: ParseExportOptions): PayrollImportResult {
  const assembled = assembleCsvExport(files);
  const result = validatePayrollData({
    raw: assembled.raw,
    format: 'csv',
    locator: assembled.locator,
    referenceDate: options.referenceDate,
    linesComplete: assembled.linesComplete,
  });
  const problems = [...assembled.problems, ...(result.ok ? [] : result.problems)];
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  if (!result.ok) throw new Error('unreachable: validation failed without problems');
  return { ok: true, format: 'csv', export: result.export, warnings: result.warnings };
}
