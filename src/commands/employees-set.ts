import { z } from 'zod';
import { defineCommand } from './command.js';
import { UsageError } from '../errors.js';
import { printFlagChange } from '../ui/views/employees.js';
import { changeEmployeeFlags } from '../workflows/employee-flags.js';
import { openSession, resolveCompany } from '../workflows/session.js';

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
const employeesSetOptionsSchema = z
  .object({ all: z.boolean().optional(), kivra: onOff.optional(), print: onOff.optional() })
  .refine((o) => o.kivra !== undefined || o.print !== undefined, { message: 'Say what to change: --kivra on|off and/or --print on|off.' });

export const command = defineCommand(employeesSetOptionsSchema, async (ctx, options, args) => {
  const { all, kivra, print } = options;
  if (all && args.length > 0) throw new UsageError('Give employees or --all, not both.', { code: 'invalid_option' });
  if (!all && args.length === 0) throw new UsageError('Name the employees (employee numbers or personnummer), or use --all.', { code: 'invalid_option' });
  const session = openSession(ctx, [...(kivra === undefined ? [] : ['kivra-flag' as const]), ...(print === undefined ? [] : ['print-flag' as const])]);
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    const result = changeEmployeeFlags(session.db, company, all ? 'all' : args, { kivra, print }, session.operator, session.at, ctx.now());
    if (!ctx.json) printFlagChange(ctx, result);
    return { json: result };
  } finally {
    session.db.close();
  }
});
