import type { z } from 'zod';
import { missingAddressFields } from '../domain/address.js';
import { oreToDecimalString } from '../domain/money.js';
import { describePersonnummerFailure, parsePersonnummer } from '../domain/personnummer.js';
import type { ParsedPersonnummer } from '../domain/personnummer.js';
import type { Address, IsoDate, Ore, PayslipLine } from '../domain/types.js';
import { MISSING, peekIdentifier } from './fields.js';
import type { JsonPath } from './json-with-lines.js';
import type { Locator } from './locator.js';
import { payrollSchemas } from './schema.js';
import type { CompanyRecord, EmployeeRecord, PayRunRecord, PayslipRecord } from './schema.js';
import type {
  ImportedCompany,
  ImportedEmployee,
  ImportedPayRun,
  ImportedPayslip,
  ImportFormat,
  ImportProblem,
  ImportWarning,
  PayrollExport,
} from './types.js';

export interface ValidationInput {
  /** The export in the JSON shape (parsed JSON, or assembled from CSV). */
  raw: unknown;
  format: ImportFormat;
  locator: Locator;
  /** The day the export is read, to place 10-digit personnummer in their century. */
  referenceDate: IsoDate;
  /**
   * False when some payslip lines could not be read at all (an unusable CSV file);
   * then the figure checks are skipped, since they would only repeat that problem.
   */
  linesComplete: boolean;
}

export type ValidationResult =
  | { ok: true; export: PayrollExport; warnings: ImportWarning[] }
  | { ok: false; problems: ImportProblem[] };

const ADDRESS_FIELD_NAMES: Record<keyof Address, string> = { street: 'street', postalCode: 'postal_code', city: 'city' };

/**
 * Checks a whole export and, only when it has no structural problem, returns it
 * normalised. Every problem is collected: each record is parsed on its own, and the
 * cross-checks (duplicates, references, figures) run over every record that could be read.
 */
export function validatePayrollData(input: ValidationInput): ValidationResult {
  const { format, locator, referenceDate } = input;
  const schemas = payrollSchemas(format);
  const problems: ImportProblem[] = [];
  const warnings: ImportWarning[] = [];

  const report = (path: JsonPath, message: string): void => {
    const location = locator.locate(path);
    if (message === MISSING && locator.isKnownMissing(location)) return;
    problems.push({ ...location, message });
  };
  const lineOf = (path: JsonPath): number | null => locator.locate(path).line;
  const parse = <T>(schema: z.ZodType<T, unknown>, value: unknown, path: JsonPath): T | null => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      report([...path, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))], issue.message);
    }
    return null;
  };

  const root = parse(schemas.root, input.raw, []);
  if (root === null) return { ok: false, problems };

  const companyRecord = root.company === undefined || root.company === null ? null : parse(schemas.company, root.company, ['company']);

  // Employees, and the numbers payslips may refer to (also from records that failed
  // elsewhere, so a typo in a name does not turn every payslip into "unknown employee").
  const employees: ImportedEmployee[] = [];
  const employeePaths = new Map<string, JsonPath>();
  const personnummerOwners = new Map<string, string>();
  root.employees.forEach((rawEmployee, index) => {
    const path: JsonPath = ['employees', index];
    const record = parse(schemas.employee, rawEmployee, path);
    const number = record?.employee_number ?? peekIdentifier(rawEmployee, 'employee_number');
    if (number !== null) {
      const first = employeePaths.get(number);
      if (first) report([...path, 'employee_number'], `duplicate employee ${number} (also at line ${lineOf(first) ?? '?'})`);
      else employeePaths.set(number, path);
    }
    if (record === null) return;
    const personnummer = record.personnummer === null ? null : parsePersonnummer(record.personnummer, referenceDate);
    const employee = toEmployee(record, personnummer);
    employees.push(employee);
    const warn = (field: string, message: string): void => {
      const { file, line } = locator.locate([...path, field]);
      warnings.push({ employeeNumber: employee.employeeNumber, field, message, file, line });
    };
    warnEmployee(employee, record, personnummer, warn, personnummerOwners);
  });

  const payRuns: ImportedPayRun[] = [];
  const runPaths = new Map<string, JsonPath>();
  root.pay_runs.forEach((rawRun, runIndex) => {
    const path: JsonPath = ['pay_runs', runIndex];
    const record = parse(schemas.payRun, rawRun, path);
    const key = record?.id ?? peekIdentifier(rawRun, 'id');
    if (key !== null) {
      const first = runPaths.get(key);
      if (first) report([...path, 'id'], `duplicate pay run ${key} (also at line ${lineOf(first) ?? '?'})`);
      else runPaths.set(key, path);
    }
    if (record !== null && record.period_start > record.period_end) {
      report([...path, 'period_end'], `the period ends (${record.period_end}) before it starts (${record.period_start})`);
    }

    const payslips: ImportedPayslip[] = [];
    const payslipPaths = new Map<string, JsonPath>();
    // A run whose own fields are wrong still has its payslips checked, so that one pass
    // lists every problem in the file.
    const rawPayslips = record?.payslips ?? peekList(rawRun, 'payslips');
    rawPayslips.forEach((rawPayslip, payslipIndex) => {
      const payslipPath: JsonPath = [...path, 'payslips', payslipIndex];
      const payslip = parse(schemas.payslip, rawPayslip, payslipPath);
      const employeeNumber = payslip?.employee_number ?? peekIdentifier(rawPayslip, 'employee_number');
      if (employeeNumber !== null) {
        if (!employeePaths.has(employeeNumber)) {
          report([...payslipPath, 'employee_number'], `unknown employee ${employeeNumber} (not among the employees)`);
        }
        const first = payslipPaths.get(employeeNumber);
        if (first) {
          report(
            [...payslipPath, 'employee_number'],
            `a second payslip for employee ${employeeNumber} in pay run ${key ?? '?'} (the first is at line ${lineOf(first) ?? '?'})`,
          );
        } else {
          payslipPaths.set(employeeNumber, payslipPath);
        }
      }
      if (payslip === null) return;
      if (input.linesComplete) checkFigures(payslip, payslipPath, report);
      payslips.push(toPayslip(payslip));
    });
    if (record !== null) payRuns.push(toPayRun(record, payslips));
  });

  if (problems.length > 0) return { ok: false, problems };
  const company = companyRecord === null ? null : toCompany(companyRecord);
  return { ok: true, export: { company, employees, payRuns }, warnings };
}

/**
 * SPEC §4: the gross lines sum to gross_pay, and gross_pay - tax + (net lines) = net_pay.
 * Benefit lines are taxed but not paid out, so they appear in neither sum.
 */
function checkFigures(payslip: PayslipRecord, path: JsonPath, report: (path: JsonPath, message: string) => void): void {
  const grossLines = sum(payslip.lines.filter((line) => line.kind === 'gross').map((line) => line.amount));
  if (grossLines !== payslip.gross_pay) {
    report([...path, 'gross_pay'], `the gross lines add up to ${money(grossLines)}, not ${money(payslip.gross_pay)}`);
  }
  const netLines = sum(payslip.lines.filter((line) => line.kind === 'net').map((line) => line.amount));
  const expected = payslip.gross_pay - payslip.tax + netLines;
  if (expected !== payslip.net_pay) {
    report(
      [...path, 'net_pay'],
      `gross_pay - tax + net lines = ${money(payslip.gross_pay)} - ${money(payslip.tax)} + ${money(netLines)} = ${money(expected)}, not ${money(payslip.net_pay)}`,
    );
  }
}

function peekList(record: unknown, key: string): unknown[] {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) return [];
  const value: unknown = (record as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : [];
}

function sum(amounts: readonly Ore[]): Ore {
  return amounts.reduce((total, amount) => total + amount, 0);
}

function money(ore: Ore): string {
  return oreToDecimalString(ore);
}

function warnEmployee(
  employee: ImportedEmployee,
  record: EmployeeRecord,
  personnummer: ParsedPersonnummer | null,
  warn: (field: string, message: string) => void,
  personnummerOwners: Map<string, string>,
): void {
  if (personnummer === null) {
    warn('personnummer', 'missing; payslips for this employee will fail until it is added');
  } else if (!personnummer.ok) {
    warn('personnummer', `${describePersonnummerFailure(personnummer.reason)}; payslips for this employee will fail until it is corrected`);
  }
  if (employee.personnummer !== null) {
    const owner = personnummerOwners.get(employee.personnummer);
    if (owner !== undefined) warn('personnummer', `the same personnummer as employee ${owner}`);
    else personnummerOwners.set(employee.personnummer, employee.employeeNumber);
  }
  const missing = missingAddressFields(employee.address);
  if (record.address === null || record.address === undefined || missing.length === 3) {
    warn('address', 'missing; a payslip for this employee cannot be printed');
  } else if (missing.length > 0) {
    const names = missing.map((part) => ADDRESS_FIELD_NAMES[part]).join(', ');
    warn('address', `incomplete (no ${names}); a payslip for this employee cannot be printed`);
  }
}

function toEmployee(record: EmployeeRecord, parsed: ParsedPersonnummer | null): ImportedEmployee {
  const input = record.personnummer;
  return {
    employeeNumber: record.employee_number,
    personnummer: parsed?.ok ? parsed.value : null,
    personnummerInput: input,
    personnummerProblem: parsed === null ? 'missing' : parsed.ok ? null : 'invalid',
    personnummerKind: parsed?.ok ? parsed.kind : null,
    firstName: record.first_name,
    lastName: record.last_name,
    address: toAddress(record.address),
    email: record.email,
    employmentEnd: record.employment_end,
    kivra: record.kivra,
    print: record.print,
  };
}

function toAddress(record: EmployeeRecord['address']): Address {
  return { street: record?.street ?? null, postalCode: record?.postal_code ?? null, city: record?.city ?? null };
}

function toCompany(record: CompanyRecord): ImportedCompany {
  return {
    orgNumber: record.org_number,
    name: record.name,
    address: toAddress(record.address),
    email: record.email,
    phone: record.phone,
  };
}

function toPayRun(record: PayRunRecord, payslips: ImportedPayslip[]): ImportedPayRun {
  return {
    key: record.id,
    payoutDate: record.payout_date,
    periodStart: record.period_start,
    periodEnd: record.period_end,
    status: record.status,
    payslips,
  };
}

function toPayslip(record: PayslipRecord): ImportedPayslip {
  return {
    employeeNumber: record.employee_number,
    grossPayOre: record.gross_pay,
    taxOre: record.tax,
    netPayOre: record.net_pay,
    taxTable: record.tax_table,
    vacation: { daysRemaining: record.vacation?.days_remaining ?? null, daysUsed: record.vacation?.days_used ?? null },
    ytd: { grossPayOre: record.ytd?.gross_pay ?? null, taxOre: record.ytd?.tax ?? null },
    lines: record.lines.map(
      (line): PayslipLine => ({
        code: line.code,
        text: line.text,
        kind: line.kind,
        quantity: line.quantity,
        unit: line.unit,
        rateOre: line.rate,
        amountOre: line.amount,
      }),
    ),
  };
}
