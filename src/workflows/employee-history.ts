import { payslipOutcome, type PayslipOutcome } from '../domain/payslip-outcome.js';
import type { Company, Employee } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { listEmployeePayslips, listEmployeeSends, type EmployeePayslipRow, type EmployeeSendRow } from '../store/employee-history.js';
import type { Db } from '../store/database.js';
import { findEmployees } from '../store/employees.js';
import { normalisePersonnummerKey } from './employee-keys.js';

/** One payslip of the employee and every send that took it, oldest first. */
export interface PayslipHistory extends Omit<EmployeePayslipRow, 'payslipId'> {
  /** Where it stands after all of them (domain/payslip-outcome.ts). */
  outcome: PayslipOutcome;
  sends: EmployeeSendRow[];
}

export interface EmployeeHistory {
  employee: Employee;
  payslips: PayslipHistory[];
}

/**
 * `employees show`: the employee named by employee number or personnummer (any common
 * form), the register entry and every payslip with what became of it, newest first.
 */
export function collectEmployeeHistory(db: Db, company: Company, key: string, today: Date): EmployeeHistory {
  const employee = findOne(db, company, key, today);
  const sends = new Map<number, EmployeeSendRow[]>();
  for (const send of listEmployeeSends(db, employee.id)) sends.set(send.payslipId, [...(sends.get(send.payslipId) ?? []), send]);
  const payslips = listEmployeePayslips(db, employee.id).map(({ payslipId, ...payslip }) => {
    const own = sends.get(payslipId) ?? [];
    return { ...payslip, outcome: payslipOutcome(own.map((s) => s.state)), sends: own };
  });
  return { employee, payslips };
}

function findOne(db: Db, company: Company, key: string, today: Date): Employee {
  const words = t().employees;
  const matches = findEmployees(db, company.id, { employeeNumber: key, personnummer: normalisePersonnummerKey(key, today) });
  const [only, ...others] = matches;
  if (!only) throw new UsageError(words.unknownOne(key, company.name), { code: 'employee_unknown', suggestion: words.unknownFix });
  // Two employees with the same personnummer (a payroll system's copy-paste error), or a
  // number that is also someone's personnummer: the operator says which by number.
  if (others.length > 0) {
    throw new UsageError(words.ambiguous(key), {
      code: 'employee_ambiguous',
      details: matches.map((e) => `${e.employeeNumber} ${e.firstName} ${e.lastName}`),
      suggestion: words.ambiguousFix,
    });
  }
  return only;
}
