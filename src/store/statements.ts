import type { Statement } from 'better-sqlite3';
import type { Db } from './database.js';

/**
 * better-sqlite3 compiles the SQL again on every `db.prepare()`. The per-row writes of a
 * sync and the per-payslip writes of a send run tens of thousands of times, and compiling
 * was a visible share of both in the benchmark's profiles (BENCHMARKS.md); each compiled
 * statement also holds native memory until V8 collects it. Hot paths take their statement
 * from here instead: compiled once per database connection and SQL text.
 */
const cache = new WeakMap<Db, Map<string, Statement>>();

export function cachedStatement(db: Db, sql: string): Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}
