import type { IsoDate, LineKind, Ore, PayRunStatus } from '../domain/types.js';
import { t } from '../i18n/catalogue.js';
import { Invalid, missing } from './fields.js';
import type { Check, FieldChecks } from './fields.js';
import type { JsonPath } from './json-with-lines.js';

/**
 * The records of a payroll export (docs/import-format.md), in the JSON shape, checked one at a time: a
 * CSV directory is assembled into this shape first, so both formats meet the same rules.
 * Unknown fields are ignored: exports carry extra columns.
 *
 * Hand-written rather than zod: these run once per record of exports with hundreds of
 * thousands of lines, and building zod's result objects was a sixth of a large import in
 * the benchmark's profile. Fields are checked in the order listed here, which is the order
 * their problems are reported in.
 */

/**
 * The most lines a payslip may have. A month of daily lines of several kinds stays far
 * below; a payslip of thousands of lines cannot be printed or read, and is a broken export.
 */
const MAX_PAYSLIP_LINES = 500;

/** Receives a problem at `path`, relative to the record. */
type IssueSink = (path: JsonPath, message: string) => void;

export interface AddressRecord {
  street: string | null;
  postal_code: string | null;
  city: string | null;
}

export interface CompanyRecord {
  org_number: string;
  name: string;
  address: AddressRecord | null | undefined;
  email: string | null;
  phone: string | null;
}

export interface EmployeeRecord {
  employee_number: string;
  personnummer: string | null;
  first_name: string;
  last_name: string;
  address: AddressRecord | null | undefined;
  email: string | null;
  employment_end: IsoDate | null;
  kivra: boolean | null;
  print: boolean | null;
}

interface LineRecord {
  code: string | null;
  text: string;
  kind: LineKind;
  quantity: string | null;
  unit: string | null;
  rate: Ore | null;
  amount: Ore;
}

export interface PayslipRecord {
  employee_number: string;
  gross_pay: Ore;
  tax: Ore;
  net_pay: Ore;
  tax_table: string | null;
  vacation: { days_remaining: string | null; days_used: string | null } | null | undefined;
  ytd: { gross_pay: Ore | null; tax: Ore | null } | null | undefined;
  lines: LineRecord[];
}

/** The run's own fields; its payslips are checked one by one. */
export interface PayRunRecord {
  id: string;
  payout_date: IsoDate;
  period_start: IsoDate;
  period_end: IsoDate;
  status: PayRunStatus;
}

type Raw = Record<string, unknown>;

/** Reads one record, remembering whether any of its fields failed. */
class RecordReader {
  failed = false;

  constructor(private readonly sink: IssueSink) {}

  /** The value as an object, or null (reported) when it is not one; `what` says what it must be. */
  object(value: unknown, what: () => string, subPath: JsonPath = []): Raw | null {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Raw;
    this.report(subPath, value === undefined ? missing() : what());
    return null;
  }

  /** An optional nested object: absent or null as given, otherwise it must be an object. */
  nested(value: unknown, what: () => string, key: string): Raw | null | undefined {
    if (value === undefined || value === null) return value;
    return this.object(value, what, [key]) ?? undefined;
  }

  field<T>(record: Raw, key: string, check: Check<T>, prefix?: string | number): T {
    const result = check(record[key]);
    if (result instanceof Invalid) {
      this.report(prefix === undefined ? [key] : [prefix, key], result.message);
      return undefined as T;
    }
    return result;
  }

  /** A field two levels down: `lines[3].amount`. */
  deepField<T>(record: Raw, key: string, check: Check<T>, parent: string, index: number): T {
    const result = check(record[key]);
    if (result instanceof Invalid) {
      this.report([parent, index, key], result.message);
      return undefined as T;
    }
    return result;
  }

  report(subPath: JsonPath, message: string): void {
    this.failed = true;
    this.sink(subPath, message);
  }
}

// Words looked up only when a record is not an object, in the run's language.
const OBJECT = (): string => t().import.mustBeObject;
const ADDRESS = (): string => t().import.mustBeAddress;

function address(reader: RecordReader, record: Raw, f: FieldChecks): AddressRecord | null | undefined {
  const raw = reader.nested(record.address, ADDRESS, 'address');
  if (raw === null || raw === undefined) return raw;
  return {
    street: reader.field(raw, 'street', f.street, 'address'),
    postal_code: reader.field(raw, 'postal_code', f.postalCode, 'address'),
    city: reader.field(raw, 'city', f.city, 'address'),
  };
}

export function checkCompany(value: unknown, f: FieldChecks, sink: IssueSink): CompanyRecord | null {
  const reader = new RecordReader(sink);
  const record = reader.object(value, OBJECT);
  if (record === null) return null;
  const result: CompanyRecord = {
    org_number: reader.field(record, 'org_number', f.orgNumber),
    name: reader.field(record, 'name', f.companyName),
    address: address(reader, record, f),
    email: reader.field(record, 'email', f.email),
    phone: reader.field(record, 'phone', f.phone),
  };
  return reader.failed ? null : result;
}

export function checkEmployee(value: unknown, f: FieldChecks, sink: IssueSink): EmployeeRecord | null {
  const reader = new RecordReader(sink);
  const record = reader.object(value, OBJECT);
  if (record === null) return null;
  const result: EmployeeRecord = {
    employee_number: reader.field(record, 'employee_number', f.employeeNumber),
    personnummer: reader.field(record, 'personnummer', f.personnummerInput),
    first_name: reader.field(record, 'first_name', f.personName),
    last_name: reader.field(record, 'last_name', f.personName),
    address: address(reader, record, f),
    email: reader.field(record, 'email', f.email),
    employment_end: reader.field(record, 'employment_end', f.optionalDate),
    kivra: reader.field(record, 'kivra', f.optionalBoolean),
    print: reader.field(record, 'print', f.optionalBoolean),
  };
  return reader.failed ? null : result;
}

export function checkPayslip(value: unknown, f: FieldChecks, sink: IssueSink): PayslipRecord | null {
  const reader = new RecordReader(sink);
  const record = reader.object(value, OBJECT);
  if (record === null) return null;
  const employeeNumber = reader.field(record, 'employee_number', f.employeeNumber);
  const grossPay = reader.field(record, 'gross_pay', f.requiredMoney);
  const tax = reader.field(record, 'tax', f.requiredMoney);
  const netPay = reader.field(record, 'net_pay', f.requiredMoney);
  const taxTable = reader.field(record, 'tax_table', f.taxTable);
  const rawVacation = reader.nested(record.vacation, OBJECT, 'vacation');
  const vacation =
    rawVacation === null || rawVacation === undefined
      ? rawVacation
      : {
          days_remaining: reader.field(rawVacation, 'days_remaining', f.optionalDecimal, 'vacation'),
          days_used: reader.field(rawVacation, 'days_used', f.optionalDecimal, 'vacation'),
        };
  const rawYtd = reader.nested(record.ytd, OBJECT, 'ytd');
  const ytd =
    rawYtd === null || rawYtd === undefined
      ? rawYtd
      : { gross_pay: reader.field(rawYtd, 'gross_pay', f.optionalMoney, 'ytd'), tax: reader.field(rawYtd, 'tax', f.optionalMoney, 'ytd') };
  const lines: LineRecord[] = [];
  const rawLines = record.lines;
  if (!Array.isArray(rawLines)) {
    reader.report(['lines'], rawLines === undefined ? missing() : t().import.mustBeList);
  } else if (rawLines.length > MAX_PAYSLIP_LINES) {
    // One problem for the payslip, rather than one for each of its lines.
    reader.report(['lines'], t().import.tooManyLines(rawLines.length, MAX_PAYSLIP_LINES));
  } else {
    for (let index = 0; index < rawLines.length; index += 1) {
      const line = reader.object(rawLines[index], OBJECT, ['lines', index]);
      if (line === null) continue;
      lines.push({
        code: reader.deepField(line, 'code', f.lineCode, 'lines', index),
        text: reader.deepField(line, 'text', f.lineText, 'lines', index),
        kind: reader.deepField(line, 'kind', f.lineKind, 'lines', index),
        quantity: reader.deepField(line, 'quantity', f.optionalDecimal, 'lines', index),
        unit: reader.deepField(line, 'unit', f.unit, 'lines', index),
        rate: reader.deepField(line, 'rate', f.optionalMoney, 'lines', index),
        amount: reader.deepField(line, 'amount', f.requiredMoney, 'lines', index),
      });
    }
  }
  if (reader.failed) return null;
  return { employee_number: employeeNumber, gross_pay: grossPay, tax, net_pay: netPay, tax_table: taxTable, vacation, ytd, lines };
}

/** A pay run's own fields. `payslips` only has to be a list here; its members are checked one by one. */
export function checkPayRun(value: unknown, f: FieldChecks, sink: IssueSink): PayRunRecord | null {
  const reader = new RecordReader(sink);
  const record = reader.object(value, OBJECT);
  if (record === null) return null;
  const result: PayRunRecord = {
    id: reader.field(record, 'id', f.payRunId),
    payout_date: reader.field(record, 'payout_date', f.requiredDate),
    period_start: reader.field(record, 'period_start', f.requiredDate),
    period_end: reader.field(record, 'period_end', f.requiredDate),
    status: reader.field(record, 'status', f.payRunStatus),
  };
  if (!Array.isArray(record.payslips)) reader.report(['payslips'], record.payslips === undefined ? missing() : t().import.mustBeList);
  return reader.failed ? null : result;
}
