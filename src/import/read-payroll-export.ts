import { readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { CSV_FILE_NAMES } from './csv-export.js';
import type { CsvExportFiles, CsvFileKey } from './csv-export.js';
import { parsePayrollCsv, parsePayrollJson } from './parse-export.js';
import type { ParseExportOptions } from './parse-export.js';
import type { ImportProblem, PayrollImportResult } from './types.js';

/**
 * Reads and validates a payroll export (SPEC §4): a JSON file, or a directory of CSV
 * files. All-or-nothing: either the whole export, normalised, with per-employee
 * warnings, or every structural problem found (the caller exits 2 and writes nothing).
 * An unreadable path is a problem too, not an exception.
 */
export async function readPayrollExport(path: string, options: ParseExportOptions): Promise<PayrollImportResult> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    return refuse({ file: path, line: null, field: '', message: `cannot read: ${describeFsError(error)}` });
  }

  if (isDirectory) return readCsvDirectory(path, options);
  if (extname(path).toLowerCase() === '.csv') {
    return refuse({
      file: path,
      line: null,
      field: '',
      message: `give the directory that holds the CSV files (${Object.values(CSV_FILE_NAMES).join(', ')}), not one of them`,
    });
  }
  const text = await readText(path);
  if (!text.ok) return refuse(text.problem);
  return parsePayrollJson(text.text, path, options);
}

async function readCsvDirectory(dir: string, options: ParseExportOptions): Promise<PayrollImportResult> {
  const problems: ImportProblem[] = [];
  const entries = await Promise.all(
    (Object.keys(CSV_FILE_NAMES) as CsvFileKey[]).map(async (key) => {
      const path = join(dir, CSV_FILE_NAMES[key]);
      const text = await readText(path, { absentIsNull: true });
      if (!text.ok) problems.push(text.problem);
      return [key, { path, text: text.ok ? text.text : null }] as const;
    }),
  );
  // A file that exists but cannot be read is not the same as one left out.
  if (problems.length > 0) return { ok: false, problems };
  return parsePayrollCsv(Object.fromEntries(entries) as CsvExportFiles, options);
}

type TextResult = { ok: true; text: string | null } | { ok: false; problem: ImportProblem };

async function readText(path: string): Promise<{ ok: true; text: string } | { ok: false; problem: ImportProblem }>;
async function readText(path: string, options: { absentIsNull: true }): Promise<TextResult>;
async function readText(path: string, options: { absentIsNull?: boolean } = {}): Promise<TextResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (options.absentIsNull && (error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, text: null };
    return { ok: false, problem: { file: path, line: null, field: '', message: `cannot read: ${describeFsError(error)}` } };
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
        message: 'not UTF-8 text; save the export as UTF-8 (in Excel: "CSV UTF-8")',
      },
    };
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return (error as Error).message;
}

function refuse(problem: ImportProblem): PayrollImportResult {
  return { ok: false, problems: [problem] };
}
