import type { ImportedCompany, ImportedEmployee, ImportedPayRunHeader, ImportedPayslip, PayrollExport } from '../domain/payroll-export.js';
import { missingAddressFields } from '../domain/address.js';
import { formatAmount } from '../domain/format.js';
import { parsePersonnummer } from '../domain/personnummer.js';
import { t } from '../i18n/catalogue.js';
import { personnummerProblemText } from '../i18n/data.js';
import type { ParsedPersonnummer } from '../domain/personnummer.js';
import type { Address, IsoDate, Ore, PayslipLine } from '../domain/types.js';
import { fieldChecks, isMissing, missing, peekIdentifier } from './fields.js';
import type { FieldChecks } from './fields.js';
import type { JsonPath } from './json-with-lines.js';
import type { Locator } from './locator.js';
import { lineText } from './problems.js';
import { checkCompany, checkEmployee, checkPayRun, checkPayslip } from './records.js';
import type { AddressRecord, CompanyRecord, EmployeeRecord, PayRunRecord, PayslipRecord } from './records.js';
import type { ImportFormat, ImportProblem, ImportWarning } from './types.js';

interface CheckerOptions {
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

const ADDRESS_FIELD_NAMES: Record<keyof Address, string> = { street: 'street', postalCode: 'postal_code', city: 'city' };

/** A second payslip for one employee in a run: its message names the run, known once the run has been read. */
interface SecondPayslip {
  kind: 'second';
  problem: ImportProblem;
  employeeNumber: string;
  firstLine: number | null;
}

/** An unknown-employee problem found before all employees were read: it stands if the employee never comes. */
interface PendingEmployee {
  kind: 'pending';
  problem: ImportProblem;
  employeeNumber: string;
}

interface RunState {
  header: ImportProblem[];
  payslips: Array<ImportProblem | SecondPayslip | PendingEmployee>;
  /** The line of each employee's first payslip in this run. */
  firstPayslips: Map<string, number | null>;
}

/**
 * Checks an export record by record and returns each record normalised, so an export can
 * be checked as it streams in. Every problem is collected: each record is checked on its
 * own, and the cross-checks (duplicates, references, figures) run over every record that
 * could be read. Records may come in any order (a pay run's payslips before its id, pay
 * runs before employees); the problems come out as if read in the order of docs/import-format.md:
 * company, employees, then each pay run's own fields followed by its payslips.
 */
export class ExportChecker {
  private readonly f: FieldChecks;
  private readonly locator: Locator;
  private readonly rootProblems: ImportProblem[] = [];
  private companyProblems: ImportProblem[] = [];
  private employeeProblems: ImportProblem[] = [];
  private runs: RunState[] = [];
  private warningList: ImportWarning[] = [];
  /** Employee numbers seen, with the line of their record (also of records that failed elsewhere). */
  private employeeLines = new Map<string, number | null>();
  private personnummerOwners = new Map<string, string>();
  private runLines = new Map<string, number | null>();
  private employeesComplete = false;
  /** Problems found so far, for a caller that stops at the first. */
  problemCount = 0;

  constructor(private readonly options: CheckerOptions) {
    this.f = fieldChecks(options.format);
    this.locator = options.locator;
  }

  get warnings(): readonly ImportWarning[] {
    return this.warningList;
  }

  /** A problem with the export's overall shape; when there is one, nothing else is reported. */
  rootProblem(path: JsonPath, message: string): void {
    this.push(this.rootProblems, path, message);
  }

  /** The company; null or absent means the export names none. Given again, it replaces the first. */
  company(raw: unknown): ImportedCompany | null {
    this.companyProblems = [];
    if (raw === null || raw === undefined) return null;
    const record = checkCompany(raw, this.f, (sub, message) => this.push(this.companyProblems, ['company', ...sub], message));
    return record === null ? null : toCompany(record);
  }

  /** Forgets the employees read so far: a JSON key given twice keeps only its last value. */
  restartEmployees(): void {
    this.employeeProblems = [];
    this.warningList = [];
    this.employeeLines = new Map();
    this.personnummerOwners = new Map();
    this.employeesComplete = false;
  }

  employee(index: number, raw: unknown): ImportedEmployee | null {
    const path: JsonPath = ['employees', index];
    const record = checkEmployee(raw, this.f, (sub, message) => this.push(this.employeeProblems, [...path, ...sub], message));
    // Numbers from records that failed elsewhere count too, so a typo in a name does not
    // turn every payslip into "unknown employee".
    const number = record?.employee_number ?? peekIdentifier(raw, 'employee_number');
    if (number !== null) {
      const first = this.employeeLines.get(number);
      if (first !== undefined) this.push(this.employeeProblems, [...path, 'employee_number'], t().import.duplicateEmployee(number, lineText(first)));
      else this.employeeLines.set(number, this.locator.line(path));
    }
    if (record === null) return null;
    const personnummer = record.personnummer === null ? null : parsePersonnummer(record.personnummer, this.options.referenceDate);
    const employee = toEmployee(record, personnummer);
    const warn = (field: string, message: string): void => {
      const { file, line } = this.locator.locate([...path, field]);
      this.warningList.push({ employeeNumber: employee.employeeNumber, field, message, file, line });
    };
    warnEmployee(employee, record, personnummer, warn, this.personnummerOwners);
    return employee;
  }

  /** Every employee has been read: a payslip for anyone else is a problem at once. */
  endEmployees(): void {
    this.employeesComplete = true;
  }

  /** Forgets the pay runs read so far: a JSON key given twice keeps only its last value. */
  restartPayRuns(): void {
    this.runs = [];
    this.runLines = new Map();
  }

  beginRun(runIndex: number): void {
    this.runs[runIndex] = { header: [], payslips: [], firstPayslips: new Map() };
  }

  payslip(runIndex: number, index: number, raw: unknown): ImportedPayslip | null {
    const run = this.run(runIndex);
    const path: JsonPath = ['pay_runs', runIndex, 'payslips', index];
    const record = checkPayslip(raw, this.f, (sub, message) => this.push(run.payslips, [...path, ...sub], message));
    const employeeNumber = record?.employee_number ?? peekIdentifier(raw, 'employee_number');
    if (employeeNumber !== null) {
      if (!this.employeeLines.has(employeeNumber)) {
        const problem = this.problemAt([...path, 'employee_number'], t().import.unknownEmployee(employeeNumber));
        if (problem !== null && this.employeesComplete) this.add(run.payslips, problem);
        else if (problem !== null) run.payslips.push({ kind: 'pending', problem, employeeNumber });
      }
      const first = run.firstPayslips.get(employeeNumber);
      if (first !== undefined) {
        const problem = this.problemAt([...path, 'employee_number'], '');
        if (problem !== null) this.add(run.payslips, { kind: 'second', problem, employeeNumber, firstLine: first });
      } else {
        run.firstPayslips.set(employeeNumber, this.locator.line(path));
      }
    }
    if (record === null) return null;
    if (this.options.linesComplete) checkFigures(record, path, (at, message) => this.push(run.payslips, at, message));
    return toPayslip(record);
  }

  /** The run's own fields, read once the whole run has been (they may follow its payslips). */
  endRun(runIndex: number, raw: unknown): ImportedPayRunHeader | null {
    const run = this.run(runIndex);
    const path: JsonPath = ['pay_runs', runIndex];
    const record = checkPayRun(raw, this.f, (sub, message) => this.push(run.header, [...path, ...sub], message));
    const key = record?.id ?? peekIdentifier(raw, 'id');
    if (key !== null) {
      const first = this.runLines.get(key);
      if (first !== undefined) this.push(run.header, [...path, 'id'], t().import.duplicatePayRun(key, lineText(first)));
      else this.runLines.set(key, this.locator.line(path));
    }
    if (record !== null && record.period_start > record.period_end) {
      this.push(run.header, [...path, 'period_end'], t().import.periodEndsBeforeStart(record.period_end, record.period_start));
    }
    for (const entry of run.payslips) {
      if ('kind' in entry && entry.kind === 'second') {
        entry.problem.message = t().import.secondPayslip(entry.employeeNumber, key ?? t().import.unknownLine, lineText(entry.firstLine));
      }
    }
    run.firstPayslips.clear();
    return record === null ? null : toPayRunHeader(record);
  }

  /**
   * The run's own fields as far as they have been read, if they already make a header that
   * `endRun` would accept, else null. Records no problem: `endRun` still checks the run
   * when it closes. This lets a reader write a run before its payslips, in one pass.
   */
  runHeaderSoFar(raw: unknown): ImportedPayRunHeader | null {
    let failed = false;
    const record = checkPayRun(raw, this.f, () => {
      failed = true;
    });
    if (failed || record === null || record.period_start > record.period_end || this.runLines.has(record.id)) return null;
    return toPayRunHeader(record);
  }

  /** Every problem, in the order described above (unsorted); empty when the export can be imported. */
  problems(): ImportProblem[] {
    if (this.rootProblems.length > 0) return [...this.rootProblems];
    const problems = [...this.companyProblems, ...this.employeeProblems];
    for (const run of this.runs) {
      if (run === undefined) continue;
      problems.push(...run.header);
      for (const entry of run.payslips) {
        if (!('kind' in entry)) problems.push(entry);
        else if (entry.kind === 'second' || !this.employeeLines.has(entry.employeeNumber)) problems.push(entry.problem);
      }
    }
    return problems;
  }

  private run(runIndex: number): RunState {
    const run = this.runs[runIndex];
    if (run === undefined) throw new Error(`pay run ${runIndex} was not begun`);
    return run;
  }

  private problemAt(path: JsonPath, message: string): ImportProblem | null {
    const location = this.locator.locate(path);
    if (isMissing(message) && this.locator.isKnownMissing(location)) return null;
    return { ...location, message };
  }

  private push(bucket: Array<ImportProblem | SecondPayslip | PendingEmployee>, path: JsonPath, message: string): void {
    const problem = this.problemAt(path, message);
    if (problem !== null) this.add(bucket, problem);
  }

  private add<T>(bucket: T[], entry: T): void {
    bucket.push(entry);
    this.problemCount += 1;
  }
}

interface ValidationInput extends CheckerOptions {
  /** The export in the JSON shape (assembled from CSV). */
  raw: unknown;
}

type ValidationResult =
  | { ok: true; export: PayrollExport; warnings: ImportWarning[] }
  | { ok: false; problems: ImportProblem[] };

/** The export's overall shape: an object with lists of employees and pay runs. */
function checkRoot(raw: unknown, report: (path: JsonPath, message: string) => void): raw is { company?: unknown; employees: unknown[]; pay_runs: unknown[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    report([], t().import.exportNotObject);
    return false;
  }
  let ok = true;
  for (const key of ['employees', 'pay_runs'] as const) {
    const value: unknown = (raw as Record<string, unknown>)[key];
    if (!Array.isArray(value)) {
      report([key], value === undefined ? missing() : t().import.mustBeList);
      ok = false;
    }
  }
  return ok;
}

/**
 * Checks a whole export held in memory (a CSV directory, assembled into the JSON shape)
 * and, only when it has no structural problem, returns it normalised.
 */
export function validatePayrollData(input: ValidationInput): ValidationResult {
  const checker = new ExportChecker(input);
  const { raw } = input;
  if (!checkRoot(raw, (path, message) => checker.rootProblem(path, message))) return { ok: false, problems: checker.problems() };
  const company = raw.company === undefined || raw.company === null ? null : checker.company(raw.company);
  const employees: ImportedEmployee[] = [];
  raw.employees.forEach((rawEmployee, index) => {
    const employee = checker.employee(index, rawEmployee);
    if (employee !== null) employees.push(employee);
  });
  checker.endEmployees();
  const payRuns: PayrollExport['payRuns'] = [];
  raw.pay_runs.forEach((rawRun, runIndex) => {
    checker.beginRun(runIndex);
    const payslips: ImportedPayslip[] = [];
    peekList(rawRun, 'payslips').forEach((rawPayslip, index) => {
      const payslip = checker.payslip(runIndex, index, rawPayslip);
      if (payslip !== null) payslips.push(payslip);
    });
    const header = checker.endRun(runIndex, rawRun);
    if (header !== null) payRuns.push({ ...header, payslips });
  });
  const problems = checker.problems();
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, export: { company, employees, payRuns }, warnings: [...checker.warnings] };
}

/**
 * docs/import-format.md: the gross lines sum to gross_pay, and gross_pay - tax + (net lines) = net_pay.
 * Benefit lines are taxed but not paid out, so they appear in neither sum.
 */
function checkFigures(payslip: PayslipRecord, path: JsonPath, report: (path: JsonPath, message: string) => void): void {
  let grossLines: Ore = 0;
  let netLines: Ore = 0;
  for (const line of payslip.lines) {
    if (line.kind === 'gross') grossLines += line.amount;
    else if (line.kind === 'net') netLines += line.amount;
  }
  if (grossLines !== payslip.gross_pay) {
    report([...path, 'gross_pay'], t().import.grossLines(formatAmount(grossLines), formatAmount(payslip.gross_pay)));
  }
  const expected = payslip.gross_pay - payslip.tax + netLines;
  if (expected !== payslip.net_pay) {
    report([...path, 'net_pay'], t().import.netPay(formatAmount(payslip.gross_pay), formatAmount(payslip.tax), formatAmount(netLines), formatAmount(expected), formatAmount(payslip.net_pay)));
  }
}

function peekList(record: unknown, key: string): unknown[] {
  if (typeof record !== 'object' || record === null || !Object.hasOwn(record, key)) return [];
  const value: unknown = (record as Record<string, unknown>)[key];
  return Array.isArray(value) ? value : [];
}


function warnEmployee(
  employee: ImportedEmployee,
  record: EmployeeRecord,
  personnummer: ParsedPersonnummer | null,
  warn: (field: string, message: string) => void,
  personnummerOwners: Map<string, string>,
): void {
  if (personnummer === null) {
    warn('personnummer', t().import.personnummerMissing);
  } else if (!personnummer.ok) {
    warn('personnummer', t().import.personnummerInvalid(personnummerProblemText(personnummer.reason)));
  }
  if (employee.personnummer !== null) {
    const owner = personnummerOwners.get(employee.personnummer);
    if (owner !== undefined) warn('personnummer', t().import.samePersonnummer(owner));
    else personnummerOwners.set(employee.personnummer, employee.employeeNumber);
  }
  const absent = missingAddressFields(employee.address);
  if (record.address === null || record.address === undefined || absent.length === 3) {
    warn('address', t().import.addressMissing);
  } else if (absent.length > 0) {
    const names = absent.map((part) => ADDRESS_FIELD_NAMES[part]).join(', ');
    warn('address', t().import.addressIncomplete(names));
  }
}

function toEmployee(record: EmployeeRecord, parsed: ParsedPersonnummer | null): ImportedEmployee {
  const input = record.personnummer;
  return {
    employeeNumber: record.employee_number,
    personnummer: parsed?.ok ? parsed.value : null,
    personnummerInput: input,
    personnummerProblem: parsed === null ? 'missing' : parsed.ok ? null : 'invalid',
    personnummerReason: parsed === null || parsed.ok ? null : parsed.reason,
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

function toAddress(record: AddressRecord | null | undefined): Address {
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

function toPayRunHeader(record: PayRunRecord): ImportedPayRunHeader {
  return {
    key: record.id,
    payoutDate: record.payout_date,
    periodStart: record.period_start,
    periodEnd: record.period_end,
    status: record.status,
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
