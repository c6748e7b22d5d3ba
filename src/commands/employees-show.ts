import { defineCommand, noOptions } from './command.js';
import { employeeHistoryJson, printEmployeeHistory } from '../ui/views/employee-history.js';
import { collectEmployeeHistory } from '../workflows/employee-history.js';
import { openSession, resolveCompany } from '../workflows/session.js';

export const command = defineCommand(noOptions, async (ctx, _options, args) => {
  const session = openSession(ctx, 'read');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    const history = collectEmployeeHistory(session.db, company, args[0]!, ctx.now());
    if (!ctx.json) printEmployeeHistory(ctx, history);
    return { json: employeeHistoryJson(company, history) };
  } finally {
    session.db.close();
  }
});
