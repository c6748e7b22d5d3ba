import { PERMISSION_DESCRIPTIONS, roleAllows, rolesAllowing, type Permission, type Role } from '../domain/roles.js';
import { RefusedError } from '../errors.js';
import { recordAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { countOperators, findOperator, upsertOperator } from '../store/operators.js';

/**
 * Decides whether the operator may do what they ask. On a database with no operators the
 * first one becomes admin (and the audit trail says so); after that, unknown operators
 * and roles without the permission are refused (exit 4) with the missing permission named.
 */
export function authorize(db: Db, operator: string, permission: Permission, at: string): Role {
  if (permission === 'read') return authorizeReading(db, operator);
  const bootstrap = db.transaction(() => {
    if (countOperators(db) > 0) return false;
    upsertOperator(db, operator, 'admin', operator, at);
    recordAudit(db, { at, operator, companyId: null, action: 'operator.bootstrap', details: { name: operator, role: 'admin' } });
    return true;
  });
  if (bootstrap.immediate()) return 'admin';

  return checkRole(db, operator, permission);
}

/**
 * Reading writes nothing: a database without operators yet is read by whoever asks (the
 * first command that changes something makes its operator admin); once there are
 * operators, only those with a role may read.
 */
function authorizeReading(db: Db, operator: string): Role {
  if (countOperators(db) === 0) return 'viewer';
  return checkRole(db, operator, 'read');
}

function checkRole(db: Db, operator: string, permission: Permission): Role {
  const known = findOperator(db, operator);
  if (!known) {
    throw new RefusedError('operator_unknown', `Operator "${operator}" is not registered in this database, so may not ${PERMISSION_DESCRIPTIONS[permission]}.`, {
      suggestion: `An admin can add them: payslips users add ${operator} --role ${rolesAllowing(permission).at(-1) ?? 'admin'}`,
    });
  }
  if (!roleAllows(known.role, permission)) {
    throw new RefusedError(
      'permission_denied',
      `Operator "${operator}" has role ${known.role}, which may not ${PERMISSION_DESCRIPTIONS[permission]} (missing permission: ${permission}).`,
      { suggestion: `Roles with that permission: ${rolesAllowing(permission).join(', ')}. An admin can change it with payslips users add ${operator} --role <role>.` },
    );
  }
  return known.role;
}
