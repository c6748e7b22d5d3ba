import { z } from 'zod';
import { defineCommand } from './command.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { printFlagChange } from '../ui/views/employees.js';
import { changeEmployeeFlags } from '../workflows/employee-flags.js';
import { openSession, resolveCompany } from '../workflows/session.js';

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
const employeesSetOptionsSchema = z.object({ all: z.boolean().optional(), kivra: onOff.optional(), print: onOff.optional() });

export const command = defineCommand(employeesSetOptionsSchema, async (ctx, options, args) => {
  const { all, kivra, print } = options;
  const words = t().employees;
  if (kivra === undefined && print === undefined) throw new UsageError(words.nothingToChange, { code: 'invalid_option' });
  if (all && args.length > 0) throw new UsageError(words.bothAllAndNames, { code: 'invalid_option' });
  if (!all && args.length === 0) throw new UsageError(words.nameThem, { code: 'invalid_option' });
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
