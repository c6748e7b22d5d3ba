import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { ExitCode } from '../../src/errors.js';
import { sqliteExitError } from '../../src/store/sqlite-errors.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'payslips-sqlite-errors-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What better-sqlite3 throws when `run` fails. */
function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

test('a database another connection is writing to, for longer than the wait: exit 4, database_busy, saying what to do', () => {
  const path = join(dir, 'p.db');
  const writer = new Database(path);
  writer.exec('CREATE TABLE t (x)');
  writer.exec('BEGIN IMMEDIATE');
  const waiting = new Database(path);
  waiting.pragma('busy_timeout = 0');
  try {
    const error = sqliteExitError(thrownBy(() => waiting.exec('INSERT INTO t VALUES (1)')));
    expect(error).toMatchObject({ exitCode: ExitCode.refused, code: 'database_busy' });
    expect(error?.message).toBe('The database is busy: another payslips command has been writing to it for more than 30 s.');
    expect(error?.suggestion).toMatch(/Run this again when that command .* has finished/);
  } finally {
    waiting.close();
    writer.close();
  }
});

test('other SQLite errors, and errors that are not SQLite', () => {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (x UNIQUE)');
  db.exec('INSERT INTO t VALUES (1)');
  // A broken constraint is the program's mistake: left to be reported as a bug.
  expect(sqliteExitError(thrownBy(() => db.exec('INSERT INTO t VALUES (1)')))).toBeUndefined();
  expect(sqliteExitError(new Error('database is locked'))).toBeUndefined();
  expect(sqliteExitError('SQLITE_BUSY')).toBeUndefined();
  db.close();
});
