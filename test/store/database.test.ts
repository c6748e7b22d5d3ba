import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { findCompanyByOrgNumber } from '../../src/store/companies.js';
import { openDatabase } from '../../src/store/database.js';
import { listEmployees } from '../../src/store/employees.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
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
    first.prepare(`INSERT INTO operators (name, role, created_at, created_by) VALUES ('a', 'admin', 'x', 'a')`).run();
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
