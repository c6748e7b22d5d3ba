import type { Role } from '../domain/roles.js';
import type { Db } from './database.js';

export interface Operator {
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
}

interface OperatorRow {
  name: string;
  role: Role;
  created_at: string;
  created_by: string;
}

const toOperator = (row: OperatorRow): Operator => ({
  name: row.name,
  role: row.role,
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export function countOperators(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
}

export function findOperator(db: Db, name: string): Operator | undefined {
  const row = db.prepare('SELECT * FROM operators WHERE name = ?').get(name) as OperatorRow | undefined;
  return row && toOperator(row);
}

export function listOperators(db: Db): Operator[] {
  return (db.prepare('SELECT * FROM operators ORDER BY name').all() as OperatorRow[]).map(toOperator);
}

export function upsertOperator(db: Db, name: string, role: Role, by: string, at: string): void {
  db.prepare(
    `INSERT INTO operators (name, role, created_at, created_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET role = excluded.role`,
  ).run(name, role, at, by);
}

export function deleteOperator(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM operators WHERE name = ?').run(name).changes > 0;
}

export function countAdmins(db: Db): number {
  return (db.prepare(`SELECT count(*) AS n FROM operators WHERE role = 'admin'`).get() as { n: number }).n;
}
