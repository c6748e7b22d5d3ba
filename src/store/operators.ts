import { RIGHTS, ROLES, type Grant, type Right, type Role } from '../domain/roles.js';
import type { Db } from './database.js';

export interface Operator {
  name: string;
  createdAt: string;
  createdBy: string;
}

/** A role as stored, with the company it is for (null: every company). */
export interface StoredGrant extends Grant {
  company: { orgNumber: string; name: string } | null;
  createdAt: string;
  createdBy: string;
}

export interface OperatorWithGrants extends Operator {
  /** Company roles first, by company name; the role for every company last. */
  grants: StoredGrant[];
}

interface OperatorRow {
  name: string;
  created_at: string;
  created_by: string;
}

interface GrantRow {
  operator: string;
  company_id: number | null;
  org_number: string | null;
  company_name: string | null;
  role: Role;
  withheld: string;
  created_at: string;
  created_by: string;
}

const toOperator = (row: OperatorRow): Operator => ({ name: row.name, createdAt: row.created_at, createdBy: row.created_by });

const toGrant = (row: GrantRow): StoredGrant => {
  const withheld = JSON.parse(row.withheld) as string[];
  return {
    companyId: row.company_id,
    company: row.company_id === null ? null : { orgNumber: row.org_number!, name: row.company_name! },
    role: row.role,
    without: RIGHTS.filter((right) => withheld.includes(right)),
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
};

const GRANTS = `
  SELECT o.name AS operator, r.company_id, c.org_number, c.name AS company_name, r.role, r.withheld, r.created_at, r.created_by
  FROM operator_roles r JOIN operators o ON o.id = r.operator_id LEFT JOIN companies c ON c.id = r.company_id`;
const GRANT_ORDER = 'ORDER BY r.company_id IS NULL, c.name, c.org_number';

export function countOperators(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM operators').get() as { n: number }).n;
}

export function findOperator(db: Db, name: string): OperatorWithGrants | undefined {
  const row = db.prepare('SELECT name, created_at, created_by FROM operators WHERE name = ?').get(name) as OperatorRow | undefined;
  if (!row) return undefined;
  const grants = (db.prepare(`${GRANTS} WHERE o.name = ? ${GRANT_ORDER}`).all(name) as GrantRow[]).map(toGrant);
  return { ...toOperator(row), grants };
}

export function listOperators(db: Db): OperatorWithGrants[] {
  const grants = (db.prepare(`${GRANTS} ${GRANT_ORDER}`).all() as GrantRow[]).reduce((byOperator, row) => {
    byOperator.set(row.operator, [...(byOperator.get(row.operator) ?? []), toGrant(row)]);
    return byOperator;
  }, new Map<string, StoredGrant[]>());
  return (db.prepare('SELECT name, created_at, created_by FROM operators ORDER BY name').all() as OperatorRow[]).map((row) => ({
    ...toOperator(row),
    grants: grants.get(row.name) ?? [],
  }));
}

/** Registers the operator if new; the roles are set apart. */
export function insertOperatorIfNew(db: Db, name: string, by: string, at: string): void {
  db.prepare('INSERT INTO operators (name, created_at, created_by) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING').run(name, at, by);
}

/** Gives the operator a role for one company or (companyId null) for every company, replacing the one there was. */
export function setGrant(db: Db, name: string, grant: Grant, by: string, at: string): void {
  db.prepare(
    `INSERT INTO operator_roles (operator_id, company_id, role, withheld, created_at, created_by)
     VALUES ((SELECT id FROM operators WHERE name = ?), ?, ?, ?, ?, ?)
     ON CONFLICT (operator_id, ifnull(company_id, 0)) DO UPDATE SET role = excluded.role, withheld = excluded.withheld`,
  ).run(name, grant.companyId, grant.role, JSON.stringify(grant.without satisfies Right[]), at, by);
}

export function deleteGrant(db: Db, name: string, companyId: number | null): boolean {
  return (
    db
      .prepare('DELETE FROM operator_roles WHERE operator_id = (SELECT id FROM operators WHERE name = ?) AND company_id IS ?')
      .run(name, companyId).changes > 0
  );
}

export function deleteOperator(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM operators WHERE name = ?').run(name).changes > 0;
}

/**
 * An operator's roles in a database of any schema, for the doctor, which opens old ones as
 * they are: before schema 4 an operator had one role, for every company.
 */
export function grantsInAnySchema(db: Db, name: string): { operators: number; grants: Grant[] } {
  const operators = countOperators(db);
  const perCompany = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'operator_roles'`).get() as { n: number };
  if (perCompany.n > 0) return { operators, grants: findOperator(db, name)?.grants ?? [] };
  const role = (db.prepare('SELECT role FROM operators WHERE name = ?').get(name) as { role: string } | undefined)?.role;
  const known = (ROLES as readonly string[]).includes(role ?? '');
  return { operators, grants: known ? [{ companyId: null, role: role as Role, without: [] }] : [] };
}
