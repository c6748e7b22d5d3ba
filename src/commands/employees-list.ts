import { z } from 'zod';
import type { CommandModule } from '../cli.js';
import { UsageError } from '../errors.js';
import { listEmployees } from '../store/employees.js';
import { printEmployees } from '../ui/views/employees.js';
import { openSession, resolveCompany } from '../workflows/session.js';

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
export const employeesListOptionsSchema = z.object({ kivra: onOff.optional(), print: onOff.optional() });

export const run: CommandModule['run'] = async (ctx, rawOptions) => {
  const parsed = employeesListOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error), { code: 'invalid_option' });
  const session = openSession(ctx, 'read');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    const employees = listEmployees(session.db, company.id, parsed.data);
    if (!ctx.json) printEmployees(ctx, company, employees);
    return { json: { company: { orgNumber: company.orgNumber, name: company.name }, employees } };
  } finally {
    session.db.close();
  }
};
