import { defineCommand, noOptions } from './command.js';
import { payRunsJson, printPayRuns } from '../ui/views/pay-runs.js';
import { collectPayRuns } from '../workflows/pay-run-overview.js';
import { openSession, resolveCompany } from '../workflows/session.js';

export const command = defineCommand(noOptions, async (ctx) => {
  const session = openSession(ctx, 'read');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    const runs = collectPayRuns(session.db, company);
    if (!ctx.json) printPayRuns(ctx, company, runs);
    return { json: payRunsJson(company, runs) };
  } finally {
    session.db.close();
  }
});
