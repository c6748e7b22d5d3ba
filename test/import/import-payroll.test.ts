import type { PayrollExport } from '../../src/domain/payroll-export.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readPayrollExport } from '../../src/import/read-payroll-export.js';
import { listCompanies } from '../../src/store/companies.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { importPayroll } from '../../src/workflows/import-payroll.js';
import { baseExport, writeJsonExport } from './support/exports.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payslips-import-db-'));
  db = openDatabase(join(dir, 'p.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

async function parsed(): Promise<PayrollExport> {
  const result = await readPayrollExport(writeJsonExport(dir, baseExport()), { referenceDate: '2026-01-15' });
  if (!result.ok) throw new Error('the base export must be valid');
  return result.export;
}

const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('importPayroll', () => {
  test('writes everything in one transaction: a failure late in the import leaves nothing behind', async () => {
    const data = await parsed();
    // The parser never lets this through; here it stands for any failure after the first writes.
    data.payRuns[0]!.payslips.push({ ...data.payRuns[0]!.payslips[0]!, employeeNumber: '9999' });
    expect(() => importPayroll(db, data, undefined, 'anna', '2026-01-15T10:00:00.000Z')).toThrow(/unknown employee 9999/);
    expect(listCompanies(db)).toEqual([]);
    for (const table of ['employees', 'pay_runs', 'payslips', 'audit_log']) expect({ table, rows: count(table) }).toEqual({ table, rows: 0 });
  });

  test('records an audit entry only when something changed', async () => {
    importPayroll(db, await parsed(), undefined, 'anna', '2026-01-15T10:00:00.000Z');
    const { summary } = importPayroll(db, await parsed(), undefined, 'anna', '2026-01-16T10:00:00.000Z');
    expect(summary).toMatchObject({ employees: { unchanged: 2 }, payRuns: { unchanged: 1 }, payslips: { unchanged: 2 } });
    expect(db.prepare("SELECT action, at FROM audit_log WHERE action = 'sync'").all()).toEqual([{ action: 'sync', at: '2026-01-15T10:00:00.000Z' }]);
  });
});
