import { afterEach, describe, expect, test } from 'vitest';
import { readPayroll, remoteMonthEnd, SSN, writePayroll, type RemoteMonthEnd } from '../helpers/month-end.js';

/**
 * The personnummer is who a payslip goes to. Two employees with one personnummer never
 * have their payslips sent to it; a failed one waits for the payroll system's fix and is
 * sent once `sync` brings it; what is special about a number is said where it matters.
 */

const sandboxes: RemoteMonthEnd[] = [];
afterEach(() => {
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});
async function monthEnd(options: Parameters<typeof remoteMonthEnd>[0] = {}): Promise<RemoteMonthEnd> {
  const sb = await remoteMonthEnd(options);
  sandboxes.push(sb);
  return sb;
}
type Row = Record<string, any>;
const byEmployee = (items: Row[]): Map<string, Row> => new Map(items.map((i) => [i.employeeNumber, i]));

describe('two employees with the same personnummer', () => {
  test('sync and select name them, both payslips fail duplicate_personnummer, nothing reaches that mailbox until it is fixed', async () => {
    // A copy-paste error in the payroll system: 1005 got 1001's personnummer.
    const sb = await monthEnd({
      edit: (payroll) => {
        payroll.employees.find((e) => e.employee_number === '1005')!.personnummer = '19800511-2381';
      },
    });
    const sync = await sb.run(['sync', '--from', sb.payrollPath, '--offline']);
    expect(sync.stderr).toContain('employee 1005: personnummer: the same personnummer as employee 1001; nothing is sent to either until one of them is corrected');
    expect(sync.stderr).toContain('employees 1001 and 1005 have the same personnummer (19800511-****); nothing is sent to any of them (duplicate_personnummer) until the payroll system corrects it.');
    const syncJson = sb.json(await sb.run(['sync', '--from', sb.payrollPath, '--offline', '--json']));
    expect(syncJson.duplicatePersonnummer).toEqual([{ personnummer: SSN['1001'], employees: ['1001', '1005'] }]);

    const select = sb.json(await sb.run(['select', '--date', '2025-11-25', '--json']));
    for (const number of ['1001', '1005']) expect(byEmployee(select.items).get(number)).toMatchObject({ channel: 'fail', reason: 'duplicate_personnummer' });
    expect((await sb.run(['select', '--date', '2025-11-25'])).stdout).toMatch(/1005 .*fail\s+another employee has the same personnummer/);

    const send = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(send.exitCode, String(send.stderr)).toBe(3);
    const items = byEmployee(sb.json(send).items);
    for (const number of ['1001', '1005']) expect(items.get(number)).toMatchObject({ outcome: 'failed', errorCode: 'duplicate_personnummer' });
    expect(sb.kivra.state.contents.filter((c) => c.ssn === SSN['1001'])).toEqual([]);
    expect(sb.json(send).unresolved.map((u: Row) => [u.employeeNumber, u.code])).toEqual([
      ['1001', 'duplicate_personnummer'],
      ['1005', 'duplicate_personnummer'],
      ['1008', 'missing_personnummer'],
      ['1009', 'invalid_personnummer'],
    ]);
    const log = await sb.run(['log', '1']);
    expect(log.stdout).toMatch(/1005 .*failed .*another employee has the same personnummer/);

    // The payroll system corrects 1005: the next send takes both, the rest stays waiting.
    const fixed = readPayroll();
    expect((await sb.run(['sync', '--from', writePayroll(sb, fixed, 'fixed.json'), '--offline'])).exitCode).toBe(0);
    const again = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(again.exitCode, String(again.stderr)).toBe(3);
    const out = sb.json(again);
    expect(out.jobId).toBe(2);
    expect(out.items.filter((i: Row) => i.outcome !== 'skipped').map((i: Row) => [i.employeeNumber, i.outcome])).toEqual([
      ['1001', 'delivered'],
      ['1005', 'delivered'],
    ]);
    expect(out.unresolved.map((u: Row) => u.employeeNumber)).toEqual(['1008', '1009']);
  });
});

test('a payslip that failed for its data is taken by the next send once sync brings the correction', async () => {
  const sb = await monthEnd();
  expect((await sb.run(['send', '--date', '2025-11-25', '--yes'])).exitCode).toBe(3);
  const corrected = readPayroll();
  corrected.employees.find((e) => e.employee_number === '1009')!.personnummer = '19820305-2397';
  expect((await sb.run(['sync', '--from', writePayroll(sb, corrected, 'corrected.json'), '--offline'])).exitCode).toBe(0);
  const select = sb.json(await sb.run(['select', '--date', '2025-11-25', '--json']));
  expect(byEmployee(select.items).get('1009')).toMatchObject({ channel: 'print', failedBefore: null });
  expect(byEmployee(select.items).get('1008')).toMatchObject({ channel: 'fail', failedBefore: { jobId: 1 } });
  const send = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
  expect(send.exitCode).toBe(3);
  expect(sb.json(send).items.filter((i: Row) => i.outcome !== 'skipped').map((i: Row) => [i.employeeNumber, i.outcome])).toEqual([['1009', 'printed']]);
  expect(sb.json(send).unresolved.map((u: Row) => u.employeeNumber)).toEqual(['1008']);
});

test('select notes samordningsnummer, and in production warns of Skatteverket test personnummer at sync and select', async () => {
  // The fixtures are made of Skatteverket's reserved test numbers (all but 1003's
  // samordningsnummer and the missing and invalid ones): fine for trying, a mistake in production.
  const sb = await monthEnd({ activate: ['--environment', 'production'] });
  const sync = await sb.run(['sync', '--from', sb.payrollPath, '--offline']);
  expect(sync.stderr).toContain("employees 1001, 1002, 1004, 1005, 1006, 1007, 1010 of this production company have one of Skatteverket's test personnummer, which no real person has.");
  const select = await sb.run(['select', '--date', '2025-11-25']);
  expect(select.stdout).toMatch(/1003 .*\(.*samordningsnummer.*\)/);
  expect(select.stdout).toMatch(/1002 .*one of Skatteverket's test personnummer/);
  expect(select.stderr).toContain("7 employees of this production company have one of Skatteverket's test personnummer, which no real person has.");
  const json = byEmployee(sb.json(await sb.run(['select', '--date', '2025-11-25', '--json'])).items);
  expect(json.get('1002')).toMatchObject({ testPersonnummer: true, samordningsnummer: false });
  expect(json.get('1003')).toMatchObject({ testPersonnummer: false, samordningsnummer: true });

  // Not a warning where the company only tests.
  expect((await sb.run(['activate', '--environment', 'sandbox'])).exitCode).toBe(0);
  expect((await sb.run(['select', '--date', '2025-11-25'])).stderr).not.toContain('test personnummer');
});
