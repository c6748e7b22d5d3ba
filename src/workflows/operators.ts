import type { Role } from '../domain/roles.js';
import { RefusedError, UsageError } from '../errors.js';
import { recordAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { countAdmins, deleteOperator, findOperator, upsertOperator } from '../store/operators.js';

export function addOperator(db: Db, name: string, role: Role, by: string, at: string): { name: string; role: Role; previousRole: Role | null } {
  return db.transaction(() => {
    const previous = findOperator(db, name);
    if (previous?.role === 'admin' && role !== 'admin') assertNotLastAdmin(db, name);
    upsertOperator(db, name, role, by, at);
    if (previous?.role !== role) {
      recordAudit(db, { at, operator: by, companyId: null, action: 'operator.role', details: { name, from: previous?.role ?? null, to: role } });
    }
    return { name, role, previousRole: previous?.role ?? null };
  }).immediate();
}

export function removeOperator(db: Db, name: string, by: string, at: string): { name: string; role: Role } {
  return db.transaction(() => {
    const existing = findOperator(db, name);
    if (!existing) throw new UsageError(`No operator "${name}".`, { code: 'operator_unknown', suggestion: 'payslips users list shows them.' });
    if (existing.role === 'admin') assertNotLastAdmin(db, name);
    deleteOperator(db, name);
    recordAudit(db, { at, operator: by, companyId: null, action: 'operator.remove', details: { name, role: existing.role } });
    return { name, role: existing.role };
  }).immediate();
}

/** Without an admin nobody could change roles or settings again. */
function assertNotLastAdmin(db: Db, name: string): void {
  if (countAdmins(db) <= 1) {
    throw new RefusedError('last_admin', `${name} is the only admin; make someone else admin first.`);
  }
}
