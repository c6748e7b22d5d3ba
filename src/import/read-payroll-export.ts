import type { PayrollExport } from '../domain/payroll-export.js';
import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { CSV_FILE_NAMES } from './csv-export.js';
import type { CsvExportFiles, CsvFileKey } from './csv-export.js';
import { readJsonExport } from './json-export.js';
import type { JsonExportReading } from './json-export.js';
import { parsePayrollCsv } from './parse-export.js';
import type { ParseExportOptions } from './parse-export.js';
import { collectExport, sourceOfExport } from './payroll-source.js';
import type { ExportSink, PayrollSource, RecordSink } from './payroll-source.js';
import type { ImportFormat, ImportProblem, ImportWarning, PayrollImportResult } from './types.js';

/**
 * Reads and checks a payroll export (docs/import-format.md): a JSON file, or a directory of CSV files.
 * All-or-nothing: either the whole export, normalised, with per-employee warnings, or
 * every structural problem found (the caller exits 2 and writes nothing). An unreadable
 * path is a problem too, not an exception.
 */

export type PayrollCheckResult =
  | { ok: true; format: ImportFormat; source: PayrollSource; warnings: ImportWarning[] }
  | { ok: false; problems: ImportProblem[] };

/**
 * Checks the export and, when it can be imported, gives it as a source of records. A JSON
 * file is not kept in memory: it is read once here to check it, and once more when the
 * source's records are used (to be written), in flat memory both times. A CSV directory
 * is read into memory whole. (sync reads a JSON file once where it can, writing as it
 * checks: see workflows/import-export-file.ts.)
 */
export async function checkPayrollExport(path: string, options: ParseExportOptions): Promise<PayrollCheckResult> {
  const kind = await exportKind(path);
  if (kind === 'json') return checkJsonExport(path, options);
  if (kind === 'csv') return checkCsvExport(path, options);
  return { ok: false, problems: [kind] };
}

/** Checks a directory of CSV files (read into memory whole). */
export async function checkCsvExport(dir: string, options: ParseExportOptions): Promise<PayrollCheckResult> {
  const csv = await readCsvDirectory(dir, options);
  return csv.ok ? { ok: true, format: 'csv', source: sourceOfExport(csv.export), warnings: csv.warnings } : csv;
}

/** A directory of CSV files, a JSON file, or why the path is neither. */
export async function exportKind(path: string): Promise<ImportFormat | ImportProblem> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    return { file: path, line: null, field: '', message: t().import.cannotRead(describeFsError(error)) };
  }
  if (isDirectory) return 'csv';
  if (extname(path).toLowerCase() === '.csv') {
    return {
      file: path,
      line: null,
      field: '',
      message: t().import.csvFileGiven(Object.values(CSV_FILE_NAMES).join(', ')),
    };
  }
  return 'json';
}

export type JsonCheckResult = PayrollCheckResult & { writtenAsRead: boolean };

/**
 * Checks a JSON file. With `writeAsRead`, the export also goes to that sink as it is read
 * (see JsonExportOptions): when it comes back `writtenAsRead`, the source is not needed;
 * when not, what the sink wrote is to be undone, and the source gives the records again.
 */
export function checkJsonExport(path: string, options: ParseExportOptions & { writeAsRead?: ExportSink }): JsonCheckResult {
  let reading: JsonExportReading;
  try {
    reading = readJsonExport(path, path, options);
  } catch (error) {
    if (!isFsError(error)) throw error;
    return { ...refuse({ file: path, line: null, field: '', message: t().import.cannotRead(describeFsError(error)) }), writtenAsRead: false };
  }
  if (reading.problems.length > 0) return { ok: false, problems: reading.problems, writtenAsRead: false };
  const { writeAsRead: _, ...again } = options;
  return { ok: true, format: 'json', source: jsonFileSource(path, again, reading), warnings: reading.warnings, writtenAsRead: reading.writtenAsRead };
}

/** The whole export in memory: for tests and small exports; sync reads it as a source (workflows/import-export-file.ts). */
export async function readPayrollExport(path: string, options: ParseExportOptions): Promise<PayrollImportResult> {
  const checked = await checkPayrollExport(path, options);
  if (!checked.ok) return checked;
  return { ok: true, format: checked.format, export: collectExport(checked.source), warnings: checked.warnings };
}

/**
 * The records of a checked JSON file, read from it again. If the file now reads
 * differently (it was changed in between), this throws, and the caller's transaction
 * writes nothing.
 */
function jsonFileSource(path: string, options: ParseExportOptions, checked: JsonExportReading): PayrollSource {
  const headers = (reading: JsonExportReading): string => JSON.stringify([reading.company, reading.payRuns, reading.warnings.length]);
  const expected = headers(checked);
  const payRuns = checked.payRuns.map((run) => {
    if (run === null) throw new Error('unreachable: a checked export has a pay run with problems');
    return run;
  });
  return {
    company: checked.company,
    payRuns,
    forEachRecord(sink) {
      const ignore = (): void => {};
      // An export that lists pay runs before employees is read twice: employees first.
      const passes: RecordSink[] = checked.employeesFirst
        ? [sink]
        : [
            { employee: (employee) => sink.employee(employee), payslip: ignore },
            { employee: ignore, payslip: (runIndex, payslip) => sink.payslip(runIndex, payslip) },
          ];
      for (const pass of passes) {
        let again: JsonExportReading;
        try {
          again = readJsonExport(path, path, { ...options, sink: pass });
        } catch (error) {
          if (!isFsError(error)) throw error;
          throw changed(path, t().import.cannotReadAgain(describeFsError(error)));
        }
        if (again.problems.length > 0 || headers(again) !== expected) throw changed(path, t().import.changedWhileImported);
      }
    },
  };
}

function changed(path: string, why: string): UsageError {
  return new UsageError(t().import.changedRefused(path, why), {
    code: 'invalid_import',
    suggestion: t().import.changedFix,
  });
}

type CsvRead = { ok: true; export: PayrollExport; warnings: ImportWarning[] } | { ok: false; problems: ImportProblem[] };

async function readCsvDirectory(dir: string, options: ParseExportOptions): Promise<CsvRead> {
  const problems: ImportProblem[] = [];
  const entries = await Promise.all(
    (Object.keys(CSV_FILE_NAMES) as CsvFileKey[]).map(async (key) => {
      const path = join(dir, CSV_FILE_NAMES[key]);
      const text = await readText(path);
      if (!text.ok) problems.push(text.problem);
      return [key, { path, text: text.ok ? text.text : null }] as const;
    }),
  );
  // A file that exists but cannot be read is not the same as one left out.
  if (problems.length > 0) return { ok: false, problems };
  return parsePayrollCsv(Object.fromEntries(entries) as CsvExportFiles, options);
}

type TextResult = { ok: true; text: string | null } | { ok: false; problem: ImportProblem };

/** A CSV file's text; null when it does not exist. */
async function readText(path: string): Promise<TextResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, text: null };
    return { ok: false, problem: { file: path, line: null, field: '', message: t().import.cannotRead(describeFsError(error)) } };
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Most often a spreadsheet saved in Windows-1252; point at the first bad line.
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const before = lossy.slice(0, Math.max(0, lossy.indexOf('\ufffd')));
    return {
      ok: false,
      problem: {
        file: path,
        line: before.split('\n').length,
        field: '',
        message: t().import.notUtf8,
      },
    };
  }
}

function isFsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words = t().import.fs;
  if (code === 'ENOENT') return words.ENOENT;
  if (code === 'EACCES' || code === 'EPERM') return words.EACCES;
  if (code === 'EISDIR') return words.EISDIR;
  return (error as Error).message;
}

function refuse(problem: ImportProblem): PayrollCheckResult {
  return { ok: false, problems: [problem] };
}
