import { z } from 'zod';
import { defineCommand } from './command.js';
import { companyTitle } from '../domain/format.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { printOperators } from '../ui/views/users.js';
import { removeRoles } from '../workflows/operators.js';
import { companiesNamed, openSession } from '../workflows/session.js';

// As users add: the --company flag only, never PAYSLIPS_COMPANY.
const usersRemoveOptionsSchema = z.object({ company: z.string().optional() });

export const command = defineCommand(usersRemoveOptionsSchema, async (ctx, options, args) => {
  const words = t().users;
  const name = args[0]?.trim();
  if (!name) throw new UsageError(words.removeWhom, { code: 'invalid_option' });
  const session = openSession(ctx, 'users');
  try {
    const companies = options.company === undefined ? null : companiesNamed(session.db, options.company);
    const result = removeRoles(session.db, name, companies, session.operator, session.at);
    if (!ctx.json) {
      if (companies === null) ctx.terminal.success(words.removed(name));
      else {
        for (const c of result.companies) ctx.terminal.success(words.removedFor(name, companyTitle(c)));
        if (result.removed) ctx.terminal.info(words.removedLast(name));
      }
      if (result.operator) printOperators(ctx, [result.operator]);
    }
    return { json: { name, removed: result.removed, companies: result.companies } };
  } finally {
    session.db.close();
  }
});
