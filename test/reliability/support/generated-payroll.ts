import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VENDOR_DIR } from '../../helpers/cli.js';

/**
 * A payroll export of any size, built from Skatteverket's reserved test personnummer so
 * no real person is ever involved. Every payslip adds up (gross lines = gross_pay,
 * gross − tax = net), so the import accepts it as it is.
 */

export const ORG_NUMBER = '556677-8899';
export const PAYOUT_DATE = '2025-11-25';

export interface GeneratedPayroll {
  doc: Record<string, unknown>;
  /** 12-digit personnummer in employee order. */
  ssns: string[];
}

let testNumbers: string[] | undefined;

export function testPersonnummer(count: number, offset = 0): string[] {
  testNumbers ??= JSON.parse(readFileSync(join(VENDOR_DIR, 'testdata', 'skatteverket-testpersonnummer.json'), 'utf8')) as string[];
  // Spread over the list (born 1890–2024) and keep to adults of working age.
  const adults = testNumbers.filter((n) => n >= '1950' && n < '2005');
  return adults.slice(offset, offset + count);
}

export function generatePayroll(count: number): GeneratedPayroll {
  const ssns = testPersonnummer(count);
  const employees = ssns.map((ssn, i) => ({
    employee_number: String(1001 + i),
    personnummer: `${ssn.slice(0, 8)}-${ssn.slice(8)}`,
    first_name: `Anna${i}`,
    last_name: `Testsson`,
    address: { street: `Provgatan ${i + 1}`, postal_code: '222 33', city: 'Lund' },
    email: null,
    employment_end: null,
    kivra: true,
    print: false,
  }));
  const payslips = ssns.map((_, i) => {
    const gross = 30_000 + i;
    const tax = Math.floor(gross * 0.3);
    return {
      employee_number: String(1001 + i),
      gross_pay: `${gross}.00`,
      tax: `${tax}.00`,
      net_pay: `${gross - tax}.00`,
      tax_table: '33',
      vacation: { days_remaining: 20, days_used: 5 },
      ytd: { gross_pay: `${gross * 11}.00`, tax: `${tax * 11}.00` },
      lines: [{ code: '100', text: 'Månadslön', kind: 'gross', quantity: null, unit: null, rate: null, amount: `${gross}.00` }],
    };
  });
  const doc = {
    company: { org_number: ORG_NUMBER, name: 'Prov AB', address: { street: 'Storgatan 1', postal_code: '111 22', city: 'Stockholm' }, email: 'lon@prov.example', phone: '08-123 45 67' },
    employees,
    pay_runs: [{ id: '2025-11', payout_date: PAYOUT_DATE, period_start: '2025-11-01', period_end: '2025-11-30', status: 'final', payslips }],
  };
  return { doc, ssns };
}

export function writePayroll(dir: string, payroll: GeneratedPayroll): string {
  const path = join(dir, 'payroll.json');
  writeFileSync(path, JSON.stringify(payroll.doc, null, 2));
  return path;
}
