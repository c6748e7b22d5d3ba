import type { Company, Employee } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { recordAudit } from '../store/audit.js';
import type { Db } from '../store/database.js';
import { findEmployees, listEmployees, setEmployeeFlags } from '../store/employees.js';
import { normalisePersonnummerKey } from './employee-keys.js';

export interface FlagChangeResult {
  flags: { kivra?: boolean; print?: boolean };
  changed: Array<{ employeeNumber: string; name: string; kivra: boolean; print: boolean }>;
  unchanged: number;
}

/**
 * `employees set`: resolves every named employee first, so one unknown name writes nothing,
 * then changes the flags and the audit trail in one transaction.
 */
export function changeEmployeeFlags(
  db: Db,
  company: Company,
  who: 'all' | string[],
  flags: { kivra?: boolean; print?: boolean },
  operator: string,
  at: string,
  today: Date,
): FlagChangeResult {
  const targets = who === 'all' ? listEmployees(db, company.id) : resolveEmployees(db, company, who, today);
  const toChange = targets.filter(
    (e) => (flags.kivra !== undefined && e.kivra !== flags.kivra) || (flags.print !== undefined && e.print !== flags.print),
  );
  const write = db.transaction(() => {
    setEmployeeFlags(db, targets.map((e) => e.id), flags, at);
    if (toChange.length > 0) {
      recordAudit(db, {
        at,
        operator,
        companyId: company.id,
        action: 'employees.flags',
        details: { flags, employees: toChange.map((e) => e.employeeNumber) },
      });
    }
  });
  write.immediate();
  return {
    flags,
    changed: toChange.map((e) => ({
      employeeNumber: e.employeeNumber,
      name: `${e.firstName} ${e.lastName}`,
      kivra: flags.kivra ?? e.kivra,
      print: flags.print ?? e.print,
    })),
    unchanged: targets.length - toChange.length,
  };
}

function resolveEmployees(db: Db, company: Company, keys: string[], today: Date): Employee[] {
  const found = new Map<number, Employee>();
  const unknown: string[] = [];
  for (const key of keys) {
    const matches = findEmployees(db, company.id, { employeeNumber: key, personnummer: normalisePersonnummerKey(key, today) });
    if (matches.length === 0) unknown.push(key);
    for (const e of matches) found.set(e.id, e);
  }
  if (unknown.length > 0) {
    throw new UsageError(t().employees.unknown(unknown.join(', '), company.name), { code: 'employee_unknown', suggestion: t().employees.unknownFix });
  }
  return [...found.values()];
}
