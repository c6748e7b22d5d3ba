import type { Db } from './database.js';

export interface AuditEntry {
  id: number;
  at: string;
  operator: string;
  companyOrgNumber: string | null;
  action: string;
  details: Record<string, unknown>;
}

/** Appends to the audit trail. Callers pass only what changed, never secrets. */
export function recordAudit(
  db: Db,
  entry: { at: string; operator: string; companyId: number | null; action: string; details: Record<string, unknown> },
): void {
  db.prepare('INSERT INTO audit_log (at, operator, company_id, action, details) VALUES (?, ?, ?, ?, ?)').run(
    entry.at,
    entry.operator,
    entry.companyId,
    entry.action,
    JSON.stringify(entry.details),
  );
}

/**
 * The audit trail, newest first: the entries of `companyIds` (all companies when null),
 * and those of no company (operators and roles) when `general` is set.
 */
export function listAudit(db: Db, filter: { companyIds: readonly number[] | null; general: boolean; limit: number }): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT a.id, a.at, a.operator, c.org_number, a.action, a.details
       FROM audit_log a LEFT JOIN companies c ON c.id = a.company_id
       WHERE (a.company_id IS NULL AND @general = 1) OR (a.company_id IS NOT NULL AND (@ids IS NULL OR a.company_id IN (SELECT value FROM json_each(@ids))))
       ORDER BY a.id DESC LIMIT @limit`,
    )
    .all({ ids: filter.companyIds === null ? null : JSON.stringify(filter.companyIds), general: filter.general ? 1 : 0, limit: filter.limit }) as Array<{
    id: number;
    at: string;
    operator: string;
    org_number: string | null;
    action: string;
    details: string;
  }>;
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    operator: r.operator,
    companyOrgNumber: r.org_number,
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
