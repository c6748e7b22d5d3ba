import type { IsoDate } from '../domain/types.js';
import { assembleCsvExport } from './csv-export.js';
import type { CsvExportFiles } from './csv-export.js';
import { parseJsonWithLines } from './json-with-lines.js';
import { formatJsonPath, jsonLocator } from './locator.js';
import { sortProblems } from './problems.js';
import type { ImportProblem, PayrollImportResult } from './types.js';
import { validatePayrollData } from './validate.js';

/**
 * The two import formats from text to result, without touching the file system (see
 * read-payroll-export.ts for that), so tests and other callers can feed text directly.
 */

export interface ParseExportOptions {
  /** The day of the import; 10-digit personnummer are placed in a century relative to it. */
  referenceDate: IsoDate;
}

/** `file` is the name problems should carry (the path the user gave). */
export function parsePayrollJson(text: string, file: string, options: ParseExportOptions): PayrollImportResult {
  const parsed = parseJsonWithLines(text);
  if (!parsed.ok) {
    return { ok: false, problems: [{ file, line: parsed.line, field: formatJsonPath(parsed.path), message: parsed.message }] };
  }
  // JSON.parse would quietly keep the last of two equal keys; in a payroll file that is
  // at best a mistake and at worst two different amounts, so it is refused.
  const duplicates: ImportProblem[] = parsed.duplicateKeys.map(({ path, line }) => ({
    file,
    line,
    field: formatJsonPath(path),
    message: 'the key appears twice in the same object',
  }));
  const result = validatePayrollData({
    raw: parsed.value,
    format: 'json',
    locator: jsonLocator(file, parsed.lineOf),
    referenceDate: options.referenceDate,
    linesComplete: true,
  });
  const problems = [...duplicates, ...(result.ok ? [] : result.problems)];
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems) };
  if (!result.ok) throw new Error('unreachable: validation failed without problems');
  return { ok: true, format: 'json', export: result.export, warnings: result.warnings };
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
