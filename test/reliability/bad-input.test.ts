import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { REPO_ROOT, createSandbox, type Sandbox } from '../helpers/cli.js';

/**
 * Bad options, unreadable files and databases the tool cannot use: a clear message that
 * names the problem, the exit code the README gives it, and never exit 1 (a "bug").
 */

let sb: Sandbox | undefined;
afterEach(() => {
  sb?.cleanup();
  sb = undefined;
});

async function withCompany(): Promise<Sandbox> {
  const s = createSandbox();
  const r = await s.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline']);
  expect(r.exitCode, String(r.stderr)).toBe(0);
  return s;
}

/** Where a table's first page is, so a test can damage exactly that table. */
function damageTable(dbPath: string, table: string): void {
  const db = new Database(dbPath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(300, 0xa5), 0, 300, (rootpage - 1) * pageSize);
  closeSync(fd);
}

describe('bad options', () => {
  test.each([
    [['send', '--date', '2025-13-45', '--yes'], /date/i],
    [['send', '--date', '2025-11-25', '--concurrency', '0', '--yes'], /concurrency|at least 1/i],
    [['send', '--date', '2025-11-25', '--concurrency', 'many', '--yes'], /concurrency|number/i],
    [['select', '--date', '2025-11-25', '--status', 'done'], /status/i],
    [['select'], /--date/],
    [['log', 'abc'], /not a job id/],
    [['log', '--limit', '-3'], /limit|greater|positive|too small/i],
    [['log', '--csv'], /one job's log/],
    [['employees', 'set', '1001', '--kivra', 'maybe'], /kivra/i],
    [['activate', '--retention-days', '60'], /retention-days/],
    [['sync'], /--from/],
    [['frobnicate'], /unknown command/],
  ])('%j exits 2 with a message naming the problem', async (args, message) => {
    sb ??= await withCompany();
    const r = await sb.run([...args, '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(String(r.stderr)).toMatch(message);
    expect(sb.json(r).error.code).toBeTruthy();
  });
});

describe('unreadable import files', () => {
  test('a missing file, a path through a file, a single CSV, non-UTF-8: exit 2, the file named, nothing written', async () => {
    sb = await withCompany();
    const before = readFileSync(sb.dbPath);
    const latin1 = join(sb.dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from('{"company": {"name": "Ekbacken Bygg & M\xe5leri AB"}}', 'latin1'));
    const cases: Array<[string, RegExp]> = [
      [join(sb.dir, 'nowhere.json'), /no such file or directory/],
      [join(REPO_ROOT, 'package.json', 'payroll.json'), /cannot read/],
      [join(REPO_ROOT, 'fixtures', 'payroll-csv', 'employees.csv'), /give the directory/],
      [latin1, /not UTF-8/],
      [join(REPO_ROOT, 'fixtures'), /employees\.csv/],
    ];
    for (const [path, message] of cases) {
      const r = await sb.run(['sync', '--from', path, '--offline', '--json']);
      expect(r.exitCode, path).toBe(2);
      expect(sb.json(r).error.code).toBe('invalid_import');
      const text = [sb.json(r).error.message, ...(sb.json(r).error.details ?? [])].join('\n');
      expect(text, path).toMatch(message);
      expect(String(r.stderr)).toContain('Nothing was written');
    }
    expect(readFileSync(sb.dbPath).equals(before)).toBe(true);
  });
});

describe('databases the tool cannot use', () => {
  test('a file that is not SQLite, a foreign SQLite database, one from a newer version: exit 2 and a clear message', async () => {
    sb = await withCompany();
    const text = join(sb.dir, 'notes.db');
    writeFileSync(text, 'these are my notes, not a database\n');
    const notSqlite = await sb.run(['employees', 'list', '--db', text, '--json']);
    expect(notSqlite.exitCode).toBe(2);
    expect(sb.json(notSqlite).error).toMatchObject({ code: 'database_foreign', message: expect.stringContaining('is not a SQLite database') });
    expect(readFileSync(text, 'utf8')).toBe('these are my notes, not a database\n');

    const foreign = join(sb.dir, 'other.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    const f = await sb.run(['log', '--db', foreign]);
    expect(f.exitCode).toBe(2);
    expect(String(f.stderr)).toContain('is a SQLite database of another program');

    const db = new Database(sb.dbPath);
    db.pragma('user_version = 42');
    db.close();
    const newer = await sb.run(['employees', 'list', '--json']);
    expect(newer.exitCode).toBe(2);
    expect(sb.json(newer).error).toMatchObject({ code: 'database_too_new', suggestion: expect.stringContaining('Upgrade') });
    expect(String(newer.stderr)).toMatch(/newer payslips \(schema 42; this version knows up to \d+\)/);
  });

  test('a damaged table found mid-command is exit 2 pointing at doctor, not an internal error', async () => {
    sb = await withCompany();
    damageTable(sb.dbPath, 'employees');
    const r = await sb.run(['employees', 'list', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'database_corrupt', suggestion: expect.stringContaining('payslips doctor') });
    expect(String(r.stderr)).not.toContain('This is a bug');
    const doctor = await sb.run(['doctor', '--json']);
    expect(doctor.exitCode).toBe(3);
    expect(sb.json(doctor).findings.map((f: { code: string }) => f.code)).toContain('database_corrupt');
  });

  test('a truncated database file: exit 2, a clear message', async () => {
    sb = await withCompany();
    const db = new Database(sb.dbPath);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(sb.dbPath);
    writeFileSync(sb.dbPath, bytes.subarray(0, 9000));
    const r = await sb.run(['select', '--date', '2025-11-25']);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(String(r.stderr)).toMatch(/malformed|damaged|not a usable payslips database/);
  });
});
