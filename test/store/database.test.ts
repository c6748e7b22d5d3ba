import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findCompanyByOrgNumber } from '../../src/store/companies.js';
import { APPLICATION_ID, openDatabase } from '../../src/store/database.js';
import { listEmployees } from '../../src/store/employees.js';
import { migrations, SCHEMA_VERSION } from '../../src/store/migrations.js';
import { loadPayslips } from '../../src/store/payroll.js';
import { applyActivation, planActivation } from '../../src/workflows/activate.js';
import { changeEmployeeFlags } from '../../src/workflows/employee-flags.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payslips-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  test('creates the file 0600 in a 0700 directory, migrated to the current schema, in WAL mode', () => {
    const path = join(dir, 'nested', 'p.db');
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
  });

  test('opening again keeps the data and does not migrate twice', () => {
    const path = join(dir, 'p.db');
    const first = openDatabase(path);
    first.prepare(`INSERT INTO operators (name, created_at, created_by) VALUES ('a', 'x', 'a')`).run();
    first.close();
    const second = openDatabase(path);
    expect(second.prepare('SELECT count(*) AS n FROM operators').get()).toEqual({ n: 1 });
    second.close();
  });

  test('refuses a file that is not SQLite, a foreign SQLite database, and a newer schema', () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'hello, this is not a database at all');
    expect(() => openDatabase(text)).toThrowError(expect.objectContaining({ code: 'database_foreign', exitCode: 2 }));

    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE t (x)');
    other.close();
    expect(() => openDatabase(foreign)).toThrowError(UsageError);
    expect(() => openDatabase(foreign)).toThrowError(/another program/);

    const newer = join(dir, 'newer.db');
    openDatabase(newer).close();
    const raw = new Database(newer);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(newer)).toThrowError(expect.objectContaining({ code: 'database_too_new' }));
  });
});

describe('migration 2: payslip lines move into their payslip', () => {
  test('a schema-1 database keeps every line, in order, with money and text exact', () => {
    const path = join(dir, 'v1.db');
    const v1 = new Database(path);
    v1.pragma(`application_id = ${APPLICATION_ID}`);
    v1.exec(migrations[0]!);
    v1.pragma('user_version = 1');
    v1.exec(`INSERT INTO companies (id, org_number, name, created_at, updated_at) VALUES (1, '5566778899', 'X AB', 't', 't');
      INSERT INTO employees (id, company_id, employee_number, first_name, last_name, created_at, updated_at) VALUES (1, 1, '1', 'A', 'B', 't', 't'), (2, 1, '2', 'C', 'D', 't', 't');
      INSERT INTO pay_runs (id, company_id, run_key, payout_date, period_start, period_end, status, created_at, updated_at)
        VALUES (1, 1, '2025-11', '2025-11-25', '2025-11-01', '2025-11-30', 'final', 't', 't');`);
    const payslip = v1.prepare(
      `INSERT INTO payslips (id, pay_run_id, employee_id, gross_pay_ore, tax_ore, net_pay_ore, content_hash, created_at, updated_at) VALUES (?, 1, ?, 1, 0, 1, 'h', 't', 't')`,
    );
    payslip.run(10, 1);
    payslip.run(11, 2);
    const line = v1.prepare(
      `INSERT INTO payslip_lines (payslip_id, position, code, text, kind, quantity, unit, rate_ore, amount_ore) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Written out of order, as a later correction would have left them.
    line.run(10, 1, null, 'Fackavgift – "lokal"', 'net', null, null, null, -24950);
    line.run(10, 0, '011', 'Månadslön', 'gross', '8.5', 'tim', 9007199254740, 7656119366529);
    v1.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'payslip_lines'`).get()).toEqual({ n: 0 });
    const loaded = loadPayslips(db, [10, 11]);
    expect(loaded.get(10)?.lines).toEqual([
      { code: '011', text: 'Månadslön', kind: 'gross', quantity: '8.5', unit: 'tim', rateOre: 9007199254740, amountOre: 7656119366529 },
      { code: null, text: 'Fackavgift – "lokal"', kind: 'net', quantity: null, unit: null, rateOre: null, amountOre: -24950 },
    ]);
    expect(loaded.get(11)?.lines).toEqual([]);
    db.close();
  });

  test('the lines column takes only a JSON array', () => {
    const db = openDatabase(join(dir, 'p.db'));
    db.exec(`INSERT INTO companies (id, org_number, name, created_at, updated_at) VALUES (1, '5566778899', 'X AB', 't', 't');
      INSERT INTO employees (id, company_id, employee_number, first_name, last_name, created_at, updated_at) VALUES (1, 1, '1', 'A', 'B', 't', 't');
      INSERT INTO pay_runs (id, company_id, run_key, payout_date, period_start, period_end, status, created_at, updated_at)
        VALUES (1, 1, '2025-11', '2025-11-25', '2025-11-01', '2025-11-30', 'final', 't', 't');`);
    const insert = db.prepare(
      `INSERT INTO payslips (pay_run_id, employee_id, gross_pay_ore, tax_ore, net_pay_ore, lines, content_hash, created_at, updated_at) VALUES (1, 1, 1, 0, 1, ?, 'h', 't', 't')`,
    );
    expect(() => insert.run('{"text": "Månadslön"}')).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('[{"text": "Månadslön"')).toThrow(/malformed JSON/);
    expect(() => insert.run('[]')).not.toThrow();
    db.close();
  });
});

describe('multi-row writes are one transaction', () => {
  test('activate rolls back the company when its audit entry cannot be written', () => {
    const db = openDatabase(join(dir, 'p.db'));
    db.exec(`CREATE TRIGGER fail_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END`);
    const plan = planActivation(db, { orgNumber: '5566778899', details: { name: 'Exempel AB' }, settings: { licence: true } }, undefined);
    expect(() => applyActivation(db, plan, false, 'anna', '2025-11-20T10:00:00Z')).toThrow(/audit unavailable/);
    expect(findCompanyByOrgNumber(db, '5566778899')).toBeUndefined();
    db.close();
  });

  test('a flag change to many employees is all or nothing', () => {
    const db = openDatabase(join(dir, 'p.db'));
    const company = applyActivation(db, planActivation(db, { orgNumber: '5566778899', details: { name: 'X AB' }, settings: {} }, undefined), false, 'anna', 't').company;
    const insert = db.prepare(
      `INSERT INTO employees (company_id, employee_number, first_name, last_name, created_at, updated_at) VALUES (?, ?, 'A', 'B', 't', 't')`,
    );
    for (const n of ['1', '2', '3']) insert.run(company.id, n);
    // The third update fails half-way through the batch.
    db.exec(`CREATE TRIGGER fail_third BEFORE UPDATE ON employees WHEN old.employee_number = '3' BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect(() => changeEmployeeFlags(db, company, 'all', { kivra: true }, 'anna', 't', new Date())).toThrow(/disk full/);
    expect(listEmployees(db, company.id).map((e) => e.kivra)).toEqual([false, false, false]);
    db.close();
  });
});
