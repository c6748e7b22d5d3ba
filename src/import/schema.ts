import { z } from 'zod';
import { fieldSchemas, MISSING } from './fields.js';
import type { ImportFormat } from './types.js';

/**
 * The records of a payroll export (SPEC §4), in the JSON shape. A CSV directory is
 * assembled into this shape first, so both formats meet the same rules. Records are
 * parsed one at a time (see validate.ts) so that one bad payslip does not hide the
 * problems of the next. Unknown fields are ignored: exports carry extra columns.
 */
export function payrollSchemas(format: ImportFormat) {
  const f = fieldSchemas(format);

  const object = <T extends z.core.$ZodLooseShape>(shape: T, what: string) =>
    z.object(shape, { error: (issue) => (issue.input === undefined ? MISSING : `must be ${what}`) });
  const list = <T extends z.ZodType>(item: T) =>
    z.array(item, { error: (issue) => (issue.input === undefined ? MISSING : 'must be a list') });

  const address = object(
    { street: f.optionalText, postal_code: f.optionalText, city: f.optionalText },
    'an object with street, postal_code and city',
  ).nullish();

  const company = object(
    { org_number: f.orgNumber, name: f.requiredText, address, email: f.optionalText, phone: f.optionalText },
    'an object',
  );

  const employee = object(
    {
      employee_number: f.requiredId,
      personnummer: f.personnummerInput,
      first_name: f.requiredText,
      last_name: f.requiredText,
      address,
      email: f.optionalText,
      employment_end: f.optionalDate,
      kivra: f.optionalBoolean,
      print: f.optionalBoolean,
    },
    'an object',
  );

  const line = object(
    {
      code: f.optionalId,
      text: f.requiredText,
      kind: f.lineKind,
      quantity: f.optionalDecimal,
      unit: f.optionalText,
      rate: f.optionalMoney,
      amount: f.requiredMoney,
    },
    'an object',
  );

  const payslip = object(
    {
      employee_number: f.requiredId,
      gross_pay: f.requiredMoney,
      tax: f.requiredMoney,
      net_pay: f.requiredMoney,
      tax_table: f.optionalId,
      vacation: object({ days_remaining: f.optionalDecimal, days_used: f.optionalDecimal }, 'an object').nullish(),
      ytd: object({ gross_pay: f.optionalMoney, tax: f.optionalMoney }, 'an object').nullish(),
      lines: list(line),
    },
    'an object',
  );

  /** The run's own fields; its payslips are parsed one by one. */
  const payRun = object(
    {
      id: f.requiredId,
      payout_date: f.requiredDate,
      period_start: f.requiredDate,
      period_end: f.requiredDate,
      status: f.payRunStatus,
      payslips: list(z.unknown()),
    },
    'an object',
  );

  const root = z.object(
    { company: z.unknown().optional(), employees: list(z.unknown()), pay_runs: list(z.unknown()) },
    { error: 'the export must be a JSON object with "employees" and "pay_runs"' },
  );

  return { root, company, employee, payslip, payRun };
}

export type PayrollSchemas = ReturnType<typeof payrollSchemas>;
export type CompanyRecord = z.output<PayrollSchemas['company']>;
export type EmployeeRecord = z.output<PayrollSchemas['employee']>;
export type PayslipRecord = z.output<PayrollSchemas['payslip']>;
export type PayRunRecord = z.output<PayrollSchemas['payRun']>;
