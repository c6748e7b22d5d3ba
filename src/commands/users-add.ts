import { z } from 'zod';
import { defineCommand } from './command.js';
import { ROLES } from '../domain/roles.js';
import { TEXT_LIMITS, textProblem } from '../domain/text.js';
import { textProblemText } from '../i18n/data.js';
import { UsageError } from '../errors.js';
import { addOperator } from '../workflows/operators.js';
import { openSession } from '../workflows/session.js';

const usersAddOptionsSchema = z.object({ role: z.enum(ROLES) });
const nameSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = textProblem(value, TEXT_LIMITS.operatorName);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: textProblemText(problem) });
  })
  .trim()
  .min(1)
  .regex(/^[^\s]+$/, 'no spaces: use the login name (PAYSLIPS_USER or the OS user)');

export const command = defineCommand(usersAddOptionsSchema, async (ctx, options, args) => {
  const name = nameSchema.safeParse(args[0]);
  if (!name.success) throw new UsageError(`Operator name: ${z.prettifyError(name.error)}`, { code: 'invalid_option' });
  const session = openSession(ctx, 'users');
  try {
    const result = addOperator(session.db, name.data, options.role, session.operator, session.at);
    ctx.terminal.success(
      result.previousRole === null
        ? `Added ${result.name} as ${result.role}.`
        : result.previousRole === result.role
          ? `${result.name} already has role ${result.role}.`
          : `Changed ${result.name} from ${result.previousRole} to ${result.role}.`,
    );
    return { json: result };
  } finally {
    session.db.close();
  }
});
