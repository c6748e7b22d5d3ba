import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';

/**
 * A sync holds the database for its whole read, about 7 s for 50,000 payslips here. A
 * command started meanwhile (a colleague's flag change, a send) waits for it and then
 * does its work, instead of failing when SQLite's wait runs out.
 */

let sb: Sandbox | undefined;
afterEach(() => sb?.cleanup());

test('a command started while another holds the database for 6 s waits, then does its work', async () => {
  sb = createSandbox();
  const synced = await sb.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline']);
  expect(synced.exitCode, String(synced.stderr)).toBe(0);

  const holder = new Database(sb.dbPath);
  holder.exec('BEGIN IMMEDIATE');
  const started = Date.now();
  const release = setTimeout(() => holder.exec('COMMIT'), 6_000);
  try {
    const r = await sb.run(['employees', 'set', '1001', '--kivra', 'off', '--json'], { timeout: 40_000 });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(6_000);
  } finally {
    clearTimeout(release);
    if (holder.inTransaction) holder.exec('ROLLBACK');
    holder.close();
  }
  const list = await sb.run(['employees', 'list', '--json']);
  const employee = sb.json(list).employees.find((e: { employeeNumber: string }) => e.employeeNumber === '1001');
  expect(employee.kivra).toBe(false);
}, 60_000);

test('reading commands do not wait for a writer: they read the last committed state while the write lock is held', async () => {
  sb = createSandbox();
  const synced = await sb.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline']);
  expect(synced.exitCode, String(synced.stderr)).toBe(0);

  const holder = new Database(sb.dbPath);
  holder.exec('BEGIN IMMEDIATE');
  // An uncommitted change the readers must not see, and a lock they must not wait for.
  holder.prepare("UPDATE employees SET first_name = 'Ändrad' WHERE employee_number = '1001'").run();
  try {
    for (const args of [['log'], ['employees', 'list', '--json'], ['select', '--date', 'latest', '--json'], ['users', 'list']]) {
      const r = await sb.run(args, { timeout: 20_000 });
      expect(r.exitCode, `${args.join(' ')}: ${String(r.stderr)}`).toBe(0);
      // Still held when the command is done: it neither waited for nor took the lock.
      expect(holder.inTransaction).toBe(true);
    }
    const list = sb.json(await sb.run(['employees', 'list', '--json']));
    expect(list.employees.find((e: { employeeNumber: string }) => e.employeeNumber === '1001').firstName).toBe('Åsa');
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
}, 60_000);

test('a reading command never creates a database: a mistyped --db is exit 2, naming the path', async () => {
  sb = createSandbox();
  const wrong = join(sb.dir, 'data', 'payslip.db');
  for (const args of [['log'], ['select', '--date', 'latest'], ['employees', 'list'], ['preview', '1001', '--date', 'latest'], ['users', 'list']]) {
    const r = await sb.run([...args, '--db', wrong, '--json']);
    expect(r.exitCode, args.join(' ')).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'database_missing', message: `There is no database at ${wrong}.` });
  }
  expect(existsSync(wrong)).toBe(false);
  expect(existsSync(join(sb.dir, 'data'))).toBe(false);
}, 60_000);
