import { defineCommand, noOptions } from './command.js';
import { everyCompanyGrant } from '../domain/roles.js';
import { listOperators } from '../store/operators.js';
import { printOperators } from '../ui/views/users.js';
import { roleJson } from '../workflows/operators.js';
import { openSession } from '../workflows/session.js';

export const command = defineCommand(noOptions, async (ctx, _options) => {
  // Anyone who may read some company may see who may do what: the list names no payroll data.
  const session = openSession(ctx, 'read', 'some_company');
  try {
    const operators = listOperators(session.db);
    if (!ctx.json) printOperators(ctx, operators);
    return {
      json: {
        operators: operators.map((o) => ({
          name: o.name,
          // The role for every company, as before roles could be given per company; null when there is none.
          role: everyCompanyGrant(o.grants)?.role ?? null,
          createdAt: o.createdAt,
          createdBy: o.createdBy,
          roles: o.grants.map(roleJson),
        })),
      },
    };
  } finally {
    session.db.close();
  }
});
