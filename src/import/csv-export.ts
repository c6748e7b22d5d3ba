import { readCsvTable } from './csv-tables.js';
import type { CsvRow, CsvTable } from './csv-tables.js';
import { t } from '../i18n/catalogue.js';
import { missing } from './fields.js';
import type { JsonPath } from './json-with-lines.js';
import { formatJsonPath } from './locator.js';
import type { Location, Locator } from './locator.js';
import { quoteValue } from './problems.js';
import type { ImportProblem } from './types.js';

/**
 * Assembles a CSV directory export (docs/import-format.md) into the JSON shape, remembering for every
 * record the file and line it came from, so validation can speak of `payslips.csv:4:
 * net_pay` while applying the same rules as to JSON. Pure: the caller reads the files.
 */

export const CSV_FILE_NAMES = {
  company: 'company.csv',
  employees: 'employees.csv',
  payRuns: 'pay_runs.csv',
  payslips: 'payslips.csv',
  lines: 'payslip_lines.csv',
} as const;

export type CsvFileKey = keyof typeof CSV_FILE_NAMES;

/** Each file's path (as it should appear in problems) and text, or null when it does not exist. */
export type CsvExportFiles = Record<CsvFileKey, { path: string; text: string | null }>;

interface AssembledCsvExport {
  raw: { company?: unknown; employees: unknown[]; pay_runs: unknown[] };
  locator: Locator;
  problems: ImportProblem[];
  /** False when payslip lines could not all be read, so figure checks would mislead. */
  linesComplete: boolean;
}

interface TableSpec {
  required: readonly string[];
  /** Column prefixes that are nested objects in JSON: `address_street` → address.street. */
  nested: readonly string[];
}

const TABLES: Record<CsvFileKey, TableSpec> = {
  company: { required: ['org_number', 'name'], nested: ['address'] },
  // personnummer is required as a column: an export without it is broken as a whole,
  // while an empty cell is one employee's problem (a warning).
  employees: { required: ['employee_number', 'personnummer', 'first_name', 'last_name'], nested: ['address'] },
  payRuns: { required: ['id', 'payout_date', 'period_start', 'period_end', 'status'], nested: [] },
  payslips: { required: ['pay_run_id', 'employee_number', 'gross_pay', 'tax', 'net_pay'], nested: ['vacation', 'ytd'] },
  lines: { required: ['pay_run_id', 'employee_number', 'text', 'amount'], nested: [] },
};

/** `missing: a CSV export needs employees.csv, … (company.csv is optional)`. */
function filesMissing(): string {
  const required = [CSV_FILE_NAMES.employees, CSV_FILE_NAMES.payRuns, CSV_FILE_NAMES.payslips, CSV_FILE_NAMES.lines];
  return t().import.csvFilesMissing(t().common.andList(required), CSV_FILE_NAMES.company);
}

export function assembleCsvExport(files: CsvExportFiles): AssembledCsvExport {
  const problems: ImportProblem[] = [];
  const origins = new Map<string, { file: string; line: number }>();
  const knownMissing = new Set<string>();
  const register = (path: JsonPath, file: string, line: number): void => {
    origins.set(JSON.stringify(path), { file, line });
  };

  const read = (key: CsvFileKey): CsvTable | null => {
    const { path, text } = files[key];
    if (text === null) {
      if (key !== 'company') problems.push({ file: path, line: null, field: '', message: filesMissing() });
      return null;
    }
    const result = readCsvTable(path, text, TABLES[key].required);
    problems.push(...result.problems);
    if (!result.ok) return null;
    for (const column of result.table.missingColumns) knownMissing.add(missingKey(path, column));
    return result.table;
  };

  // Every file is read first, so all missing or unreadable files are reported at once.
  const companyTable = read('company');
  const employeeTable = read('employees');
  const runTable = read('payRuns');
  const payslipFile = read('payslips');
  const lineFile = read('lines');

  const raw: AssembledCsvExport['raw'] = { employees: [], pay_runs: [] };

  if (companyTable !== null) {
    const file = files.company.path;
    const [first, second] = companyTable.rows;
    if (first === undefined) {
      problems.push({ file, line: companyTable.headerLine, field: '', message: t().import.noCompanyRow });
    } else {
      raw.company = recordOf(first, TABLES.company);
      register(['company'], file, first.line);
    }
    if (second !== undefined) problems.push({ file, line: second.line, field: '', message: t().import.moreThanOneCompany });
  }

  employeeTable?.rows.forEach((row, index) => {
    raw.employees.push(recordOf(row, TABLES.employees));
    register(['employees', index], files.employees.path, row.line);
  });

  const runs: { id: string | undefined; payslips: Record<string, unknown>[] }[] = [];
  runTable?.rows.forEach((row, index) => {
    const payslips: Record<string, unknown>[] = [];
    raw.pay_runs.push({ ...recordOf(row, TABLES.payRuns), payslips });
    runs.push({ id: row.values.get('id')?.trim(), payslips });
    register(['pay_runs', index], files.payRuns.path, row.line);
  });

  // Payslips find their pay run by id, lines their payslip by (pay run id, employee).
  // Without a readable pay_runs.csv there is nothing to attach them to, and the problem
  // with that file has been reported already.
  const payslipTable = runTable === null ? null : payslipFile;
  const payslipsByKey = new Map<string, { path: JsonPath; lines: unknown[] }>();
  if (payslipTable !== null) {
    const file = files.payslips.path;
    for (const row of payslipTable.rows) {
      const runId = keyCell(row, 'pay_run_id', file, problems, knownMissing);
      if (runId === null) continue;
      const runIndex = runs.findIndex((run) => run.id === runId);
      const run = runs[runIndex];
      if (run === undefined) {
        problems.push({ file, line: row.line, field: 'pay_run_id', message: t().import.unknownPayRun(quoteValue(runId), CSV_FILE_NAMES.payRuns) });
        continue;
      }
      const lines: unknown[] = [];
      const path: JsonPath = ['pay_runs', runIndex, 'payslips', run.payslips.length];
      run.payslips.push({ ...recordOf(row, TABLES.payslips, ['pay_run_id']), lines });
      register(path, file, row.line);
      const employee = row.values.get('employee_number')?.trim();
      const key = JSON.stringify([runId, employee]);
      // A second payslip for the same key is reported as a duplicate by validation; its
      // lines go to the first, which is the one that would be imported.
      if (employee !== undefined && !payslipsByKey.has(key)) payslipsByKey.set(key, { path, lines });
    }
  }

  const lineTable = payslipTable === null ? null : lineFile;
  if (lineTable !== null) {
    const file = files.lines.path;
    for (const row of lineTable.rows) {
      const runId = keyCell(row, 'pay_run_id', file, problems, knownMissing);
      const employee = keyCell(row, 'employee_number', file, problems, knownMissing);
      if (runId === null || employee === null) continue;
      const payslip = payslipsByKey.get(JSON.stringify([runId, employee]));
      if (payslip === undefined) {
        problems.push({
          file,
          line: row.line,
          field: 'employee_number',
          message: t().import.noPayslipForLine(quoteValue(employee), quoteValue(runId), CSV_FILE_NAMES.payslips),
        });
        continue;
      }
      register([...payslip.path, 'lines', payslip.lines.length], file, row.line);
      payslip.lines.push(recordOf(row, TABLES.lines, ['pay_run_id', 'employee_number']));
    }
  }

  const locate = (path: JsonPath): Location => {
    for (let length = path.length; length >= 0; length -= 1) {
      const origin = origins.get(JSON.stringify(path.slice(0, length)));
      // The rest of the path is a column: nested JSON fields are flattened with `_`.
      if (origin) return { ...origin, field: path.slice(length).join('_') };
    }
    return { file: files.employees.path, line: null, field: formatJsonPath(path) };
  };
  const locator: Locator = {
    locate,
    line: (path) => locate(path).line,
    isKnownMissing: (location: Location) => knownMissing.has(missingKey(location.file, location.field)),
  };

  const linesComplete = lineTable !== null && !hasMissingKeyColumns(lineTable) && !hasMissingKeyColumns(payslipTable);
  return { raw, locator, problems, linesComplete };
}

/** One row in the JSON shape: nested prefixes gathered into objects, key columns left out. */
function recordOf(row: CsvRow, spec: TableSpec, omit: readonly string[] = []): Record<string, unknown> {
  const top: [string, unknown][] = [];
  const nested = new Map<string, [string, unknown][]>();
  for (const [column, value] of row.values) {
    if (omit.includes(column)) continue;
    const prefix = spec.nested.find((name) => column.startsWith(`${name}_`));
    if (prefix === undefined) {
      top.push([column, value]);
    } else {
      const entries = nested.get(prefix) ?? [];
      entries.push([column.slice(prefix.length + 1), value]);
      nested.set(prefix, entries);
    }
  }
  for (const [prefix, entries] of nested) {
    // All cells empty is the CSV way of saying `"address": null`.
    if (entries.some(([, value]) => value !== undefined)) top.push([prefix, Object.fromEntries(entries)]);
  }
  // fromEntries defines own properties, so a column named `__proto__` stays plain data.
  return Object.fromEntries(top);
}

function keyCell(row: CsvRow, column: string, file: string, problems: ImportProblem[], knownMissing: Set<string>): string | null {
  const value = row.values.get(column)?.trim();
  if (value !== undefined && value !== '') return value;
  if (!knownMissing.has(missingKey(file, column))) problems.push({ file, line: row.line, field: column, message: missing() });
  return null;
}

function hasMissingKeyColumns(table: CsvTable | null): boolean {
  return table === null || table.missingColumns.some((column) => column === 'pay_run_id' || column === 'employee_number');
}

function missingKey(file: string, field: string): string {
  return JSON.stringify([file, field]);
}
