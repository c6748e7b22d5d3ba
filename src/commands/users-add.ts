import { z } from 'zod';
import { defineCommand } from './command.js';
import { companyTitle } from '../domain/format.js';
import { RIGHTS, ROLES, withholdProblem, type Right } from '../domain/roles.js';
import { TEXT_LIMITS, textProblem } from '../domain/text.js';
import { textProblemText } from '../i18n/data.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { printOperators } from '../ui/views/users.js';
import { describeGrant } from '../workflows/access.js';
import { giveRole, roleJson } from '../workflows/operators.js';
import { companiesNamed, openSession } from '../workflows/session.js';

const usersAddOptionsSchema = z.object({
  role: z.enum(ROLES),
  // The --company flag itself, never PAYSLIPS_COMPANY: a role for every company must not
  // become one company's because of what the shell happens to have set.
  company: z.string().optional(),
  without: z.array(z.string()).optional(),
});

export const command = defineCommand(usersAddOptionsSchema, async (ctx, options, args) => {
  const name = operatorName(args[0] ?? '');
  const forCompanies = options.company !== undefined;
  const without = withheldRights(options.without ?? [], options.role, forCompanies);
  const session = openSession(ctx, 'users');
  try {
    const companies = forCompanies ? companiesNamed(session.db, options.company!) : null;
    const result = giveRole(session.db, name, options.role, without, companies, session.operator, session.at);
    if (!ctx.json) {
      const words = t().users;
      for (const change of result.changes) {
        const where = change.company ? companyTitle(change.company) : words.everyCompany;
        const to = describeGrant({ companyId: null, ...change.to });
        if (change.from === null) ctx.terminal.success(words.added(name, to, where));
        else {
          const from = describeGrant({ companyId: null, ...change.from });
          ctx.terminal.success(from === to ? words.same(name, where, to) : words.changed(name, where, from, to));
        }
      }
      printOperators(ctx, [result.operator]);
    }
    return { json: { name, created: result.created, changes: result.changes, roles: result.operator.grants.map(roleJson) } };
  } finally {
    session.db.close();
  }
});

/** The login name as given: no spaces, no control characters, not too long. */
function operatorName(given: string): string {
  const words = t().users;
  const problem = textProblem(given, TEXT_LIMITS.operatorName);
  if (problem !== null) throw new UsageError(words.nameProblem(textProblemText(problem)), { code: 'invalid_option' });
  const name = given.trim();
  if (name === '') throw new UsageError(words.nameProblem(words.nameEmpty), { code: 'invalid_option' });
  if (/\s/.test(name)) throw new UsageError(words.nameProblem(words.nameSpaces), { code: 'invalid_option' });
  return name;
}

/** `--without send,print-flag` (repeatable): rights the role has, in RIGHTS order. */
function withheldRights(given: string[], role: (typeof ROLES)[number], forCompanies: boolean): Right[] {
  const words = t().users;
  const named = given.flatMap((list) => list.split(',')).map((right) => right.trim().toLowerCase()).filter((right) => right !== '');
  for (const right of named) {
    if (!(RIGHTS as readonly string[]).includes(right)) throw new UsageError(words.unknownRight(right, RIGHTS.join(', ')), { code: 'invalid_option' });
    const problem = withholdProblem(role, right as Right, forCompanies);
    if (problem === 'read') throw new UsageError(words.withholdRead, { code: 'invalid_option' });
    if (problem === 'not_in_role') throw new UsageError(words.withholdNotInRole(right, role), { code: 'invalid_option' });
    if (problem === 'users_per_company') throw new UsageError(words.withholdUsersPerCompany, { code: 'invalid_option' });
  }
  return RIGHTS.filter((right) => named.includes(right));
}
