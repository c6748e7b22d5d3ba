import type { PayrollExport } from '../domain/payroll-export.js';

/**
 * A structural error: the import is refused. Rendered as `file:line: field: message`
 * (see formatImportProblem). `line` is 1-based; null when no line applies (a missing
 * file). `field` is the JSON path (`pay_runs[1].payslips[0].net_pay`) or the CSV column
 * (`net_pay`), empty when the problem concerns the whole file.
 */
export interface ImportProblem {
  file: string;
  line: number | null;
  field: string;
  message: string;
}

/**
 * A data problem that belongs to one employee (personnummer, address): the employee is
 * still imported, and the send reports the payslip as failed or lands it elsewhere.
 */
export interface ImportWarning {
  employeeNumber: string;
  /** `personnummer` or `address`. */
  field: string;
  message: string;
  /** Where the employee's record is, for the user to go and fix it. */
  file: string;
  line: number | null;
}

export type ImportFormat = 'json' | 'csv';

export type PayrollImportResult =
  | { ok: true; format: ImportFormat; export: PayrollExport; warnings: ImportWarning[] }
  | { ok: false; problems: ImportProblem[] };
