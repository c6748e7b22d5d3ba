import type { PersonnummerFailure, PersonnummerKind } from '../domain/personnummer.js';
import type {
  Address,
  IsoDate,
  PayRunStatus,
  PayslipFigures,
  PersonnummerProblem,
} from '../domain/types.js';

/**
 * A payroll export (docs/import-format.md) after validation, with every value normalised: money in öre,
 * dates ISO, personnummer 12 digits (or null with the reason), decimals as canonical
 * text. The same data given as JSON or as a CSV directory gives an equal object.
 */
export interface PayrollExport {
  /** Null when the export names no company (no `company` in JSON, no company.csv). */
  company: ImportedCompany | null;
  employees: ImportedEmployee[];
  payRuns: ImportedPayRun[];
}

export interface ImportedCompany {
  /** 10 digits, no dash. */
  orgNumber: string;
  name: string;
  address: Address;
  email: string | null;
  phone: string | null;
}

export interface ImportedEmployee {
  employeeNumber: string;
  /** 12 digits when valid, else null (see `personnummerProblem`). */
  personnummer: string | null;
  /** As the export gave it (trimmed), kept to explain a problem; null when missing. */
  personnummerInput: string | null;
  personnummerProblem: PersonnummerProblem | null;
  /** Why it is not valid, when it is not. */
  personnummerReason: PersonnummerFailure | null;
  /** Set when the personnummer is valid. */
  personnummerKind: PersonnummerKind | null;
  firstName: string;
  lastName: string;
  /** Every part null when the export gives no address. */
  address: Address;
  email: string | null;
  employmentEnd: IsoDate | null;
  /** As the export gave the flags; null = not given, so a new employee gets the company default. */
  kivra: boolean | null;
  print: boolean | null;
}

/** A pay run's own fields, without its payslips. */
export interface ImportedPayRunHeader {
  /** The export's id for the run, e.g. `2025-11` (PayRun.key in the store). */
  key: string;
  payoutDate: IsoDate;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: PayRunStatus;
}

export interface ImportedPayRun extends ImportedPayRunHeader {
  payslips: ImportedPayslip[];
}

export interface ImportedPayslip extends PayslipFigures {
  employeeNumber: string;
}

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
