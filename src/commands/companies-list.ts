import { defineCommand, noOptions } from './command.js';
import { companiesJson, printCompanies } from '../ui/views/companies.js';
import { collectCompanyOverview } from '../workflows/company-overview.js';
import { openSession } from '../workflows/session.js';

export const command = defineCommand(noOptions, async (ctx) => {
  const session = openSession(ctx, 'read');
  try {
    const companies = collectCompanyOverview(ctx, session);
    if (!ctx.json) printCompanies(ctx, companies);
    return { json: companiesJson(companies) };
  } finally {
    session.db.close();
  }
});
