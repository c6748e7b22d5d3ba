import { companyTitle } from '../domain/format.js';
import { everyCompanyGrant, grantRights, mayDo, type Grant, type Right, type Role } from '../domain/roles.js';
import type { Company } from '../domain/types.js';
import { RefusedError, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { recordAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { deleteGrant, deleteOperator, findOperator, insertOperatorIfNew, listOperators, setGrant, type OperatorWithGrants } from '../store/operators.js';

/** One role given or replaced: where, what it was and what it is. */
export interface RoleChange {
  company: { orgNumber: string; name: string } | null;
  from: { role: Role; without: Right[] } | null;
  to: { role: Role; without: Right[] };
}

/**
 * `users add`: gives the operator the role, with rights withheld, for each of the companies
 * or (null) for every company, registering the operator if new. One transaction, with an
 * audit entry per role that changed.
 */
export function giveRole(
  db: Db,
  name: string,
  role: Role,
  without: Right[],
  companies: Company[] | null,
  by: string,
  at: string,
): { name: string; created: boolean; changes: RoleChange[]; operator: OperatorWithGrants } {
  return db
    .transaction(() => {
      const before = findOperator(db, name);
      insertOperatorIfNew(db, name, by, at);
      const changes: RoleChange[] = [];
      for (const company of companies ?? [null]) {
        const companyId = company?.id ?? null;
        const previous = before?.grants.find((g) => g.companyId === companyId);
        setGrant(db, name, { companyId, role, without }, by, at);
        changes.push({
          company: company && { orgNumber: company.orgNumber, name: company.name },
          from: previous ? { role: previous.role, without: previous.without } : null,
          to: { role, without },
        });
        if (previous?.role !== role || previous.without.join() !== without.join()) {
          recordAudit(db, {
            at,
            operator: by,
            companyId,
            action: 'operator.role',
            details: {
              name,
              from: previous?.role ?? null,
              to: role,
              ...(without.length > 0 ? { without } : {}),
              ...(previous && previous.without.length > 0 ? { previouslyWithout: previous.without } : {}),
            },
          });
        }
      }
      assertSomeoneManagesOperators(db, name);
      return { name, created: before === undefined, changes, operator: findOperator(db, name)! };
    })
    .immediate();
}

/**
 * `users remove`: the operator altogether, or (with companies) their own roles for those
 * companies; an operator left without any role is removed too.
 */
export function removeRoles(
  db: Db,
  name: string,
  companies: Company[] | null,
  by: string,
  at: string,
): { name: string; removed: boolean; companies: Array<{ orgNumber: string; name: string }>; operator: OperatorWithGrants | null } {
  return db
    .transaction(() => {
      const words = t().users;
      const existing = findOperator(db, name);
      if (!existing) throw new UsageError(words.noSuchOperator(name), { code: 'operator_unknown', suggestion: words.noSuchOperatorFix });
      if (companies === null) {
        deleteOperator(db, name);
        recordAudit(db, { at, operator: by, companyId: null, action: 'operator.remove', details: { name, role: everyCompanyGrant(existing.grants)?.role ?? null } });
        assertSomeoneManagesOperators(db, name);
        return { name, removed: true, companies: [], operator: null };
      }
      const missing = companies.find((company) => !existing.grants.some((g) => g.companyId === company.id));
      if (missing) throw new UsageError(words.noRoleFor(name, companyTitle(missing)), { code: 'role_unknown', suggestion: words.noSuchOperatorFix });
      for (const company of companies) {
        const role = existing.grants.find((g) => g.companyId === company.id)!.role;
        deleteGrant(db, name, company.id);
        recordAudit(db, { at, operator: by, companyId: company.id, action: 'operator.remove', details: { name, role } });
      }
      const left = findOperator(db, name)!;
      const removed = left.grants.length === 0;
      if (removed) deleteOperator(db, name);
      return { name, removed, companies: companies.map((c) => ({ orgNumber: c.orgNumber, name: c.name })), operator: removed ? null : left };
    })
    .immediate();
}

/** Without someone who manages operators for every company, nobody could give a role again. */
function assertSomeoneManagesOperators(db: Db, name: string): void {
  if (listOperators(db).some((operator) => mayDo(operator.grants, 'users', 'every_company'))) return;
  const words = t().users;
  throw new RefusedError('last_admin', words.lastManager(name), { suggestion: words.lastManagerFix });
}

/** A role as `--json` shows it: where, which, what it withholds and what it lets one do. */
export function roleJson(grant: Grant & { company: { orgNumber: string; name: string } | null }): {
  company: { orgNumber: string; name: string } | null;
  role: Role;
  without: Right[];
  rights: Right[];
} {
  return { company: grant.company, role: grant.role, without: grant.without, rights: grantRights(grant) };
}
