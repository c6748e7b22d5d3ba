import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { ACTIVATE_READY, ORG, readPayroll, writePayroll } from '../helpers/month-end.js';

/**
 * A send plans a large employer's selection a chunk of employees at a time (500, see
 * workflows/selection.ts), so that its plan is not every employee record at once. 1,100
 * employees cross two chunk boundaries; every rule that looks at more than one payslip
 * (one per employee and payout date, the final when there is one) must hold across them.
 */
const EMPLOYEES = 1100;
const TEST_NUMBERS = JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'vendor', 'testdata', 'skatteverket-testpersonnummer.json'), 'utf8')) as string[];

let sb: Sandbox;

beforeAll(async () => {
  const payroll = readPayroll() as Record<string, any>;
  const person = payroll.employees[0];
  const payslip = payroll.pay_runs.find((r: Record<string, any>) => r.id === '2025-11').payslips[0];
  const numbers = Array.from({ length: EMPLOYEES }, (_, i) => String(20001 + i));
  payroll.employees = numbers.map((number, i) => ({
    ...person,
    employee_number: number,
    personnummer: `${TEST_NUMBERS[i]!.slice(0, 8)}-${TEST_NUMBERS[i]!.slice(8)}`,
  }));
  // A preliminary run for everyone and, on the same payout date, a final one for every
  // other employee: --status any must take the final for those, the preliminary for the rest.
  const run = { period_start: '2025-12-01', period_end: '2025-12-31', payout_date: '2025-12-23' };
  payroll.pay_runs = [
    { ...run, id: '2025-12-prel', status: 'preliminary', payslips: numbers.map((n) => ({ ...payslip, employee_number: n })) },
    { ...run, id: '2025-12', status: 'final', payslips: numbers.filter((_, i) => i % 2 === 0).map((n) => ({ ...payslip, employee_number: n })) },
  ];
  sb = createSandbox();
  const path = writePayroll(sb, payroll as never);
  for (const args of [['activate', '--org-number', ORG, '--name', 'Ekbacken Bygg & Måleri AB', ...ACTIVATE_READY], ['sync', '--from', path, '--offline']]) {
    const r = await sb.run(args);
    expect(r.exitCode, String(r.stderr)).toBe(0);
  }
}, 120_000);

afterAll(() => sb?.cleanup());

describe(`a selection of ${EMPLOYEES} employees`, () => {
  test('select --status any takes one payslip per employee, the final where there is one', async () => {
    const r = await sb.run(['select', '--date', '2025-12-23', '--status', 'any', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const items = sb.json(r).items as Array<Record<string, any>>;
    expect(items).toHaveLength(EMPLOYEES);
    expect(new Set(items.map((i) => i.employeeNumber)).size).toBe(EMPLOYEES);
    const finals = items.filter((i) => i.payRun === '2025-12').map((i) => Number(i.employeeNumber));
    expect(finals).toHaveLength(EMPLOYEES / 2);
    expect(finals.every((n) => (n - 20001) % 2 === 0)).toBe(true);
  });

  test('send --status any hands each of them exactly once, and the job says so', async () => {
    const r = await sb.run(['send', '--date', '2025-12-23', '--status', 'any', '--yes', '--json'], { env: { PAYSLIPS_LOCAL_RECIPIENTS: join(REPO_ROOT, 'fixtures', 'kivra-recipients.json') } });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const out = sb.json(r);
    const items = out.items as Array<Record<string, any>>;
    expect(items).toHaveLength(EMPLOYEES);
    expect(new Set(items.map((i) => i.employeeNumber)).size).toBe(EMPLOYEES);
    expect(items.filter((i) => i.payRun === '2025-12')).toHaveLength(EMPLOYEES / 2);
    const handled = ['delivered', 'retained', 'printed', 'skipped', 'failed'].reduce((sum, outcome) => sum + (out.totals[outcome] ?? 0), 0);
    expect(handled).toBe(EMPLOYEES);
    expect(out.totals.failed).toBe(0);
  }, 120_000);
});
