import { z } from 'zod';
import { defineCommand } from './command.js';
import { listEmployees } from '../store/employees.js';
import { employeeJson, printEmployees } from '../ui/views/employees.js';
import { openSession, resolveCompany } from '../workflows/session.js';

const onOff = z.enum(['on', 'off']).transform((v) => v === 'on');
const employeesListOptionsSchema = z.object({ kivra: onOff.optional(), print: onOff.optional() });

export const command = defineCommand(employeesListOptionsSchema, async (ctx, options) => {
  const session = openSession(ctx, 'read');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    const employees = listEmployees(session.db, company.id, options);
    if (!ctx.json) printEmployees(ctx, company, employees);
    return { json: { company: { orgNumber: company.orgNumber, name: company.name }, employees: employees.map(employeeJson) } };
  } finally {
    session.db.close();
  }
});
