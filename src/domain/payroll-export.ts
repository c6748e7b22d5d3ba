import type { PersonnummerKind } from './personnummer.js';
import type { Company, Employee, PayRun, PayslipFigures } from './types.js';

/**
 * A payroll export (docs/import-format.md) after validation, with every value normalised:
 * money in öre, dates ISO, personnummer 12 digits (or null with the reason), decimals as
 * canonical text. The same data given as JSON or as a CSV directory gives an equal object.
 * The import makes it; the store writes it.
 */
export interface PayrollExport {
  /** Null when the export names no company (no `company` in JSON, no company.csv). */
  company: ImportedCompany | null;
  employees: ImportedEmployee[];
  payRuns: ImportedPayRun[];
}

export type ImportedCompany = Pick<Company, 'orgNumber' | 'name' | 'address' | 'email' | 'phone'>;

/** What the payroll system says of an employee: the register's own state (flags, mailbox) left out. */
export type EmployeeData = Pick<
  Employee,
  'employeeNumber' | 'personnummer' | 'personnummerInput' | 'personnummerProblem' | 'personnummerReason' | 'firstName' | 'lastName' | 'address' | 'email' | 'employmentEnd'
>;

export interface ImportedEmployee extends EmployeeData {
  /** Set when the personnummer is valid. */
  personnummerKind: PersonnummerKind | null;
  /** As the export gave the flags; null = not given, so a new employee gets the company default. */
  kivra: boolean | null;
  print: boolean | null;
}

/** A pay run's own fields, without its payslips (`key` is the export's id, e.g. `2025-11`). */
export type ImportedPayRunHeader = Pick<PayRun, 'key' | 'payoutDate' | 'periodStart' | 'periodEnd' | 'status'>;

interface ImportedPayRun extends ImportedPayRunHeader {
  payslips: ImportedPayslip[];
}

export interface ImportedPayslip extends PayslipFigures {
  employeeNumber: string;
}
