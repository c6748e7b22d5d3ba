import { defineCommand } from './command.js';
import { selectionOptionsSchema } from './selection-options.js';
import { printSelection, selectionJson } from '../ui/views/selection.js';
import { collectSelection, localToday, parseSelectionOptions } from '../workflows/selection.js';
import { openSession, resolveCompany } from '../workflows/session.js';
import { testPersonnummerCheck } from '../workflows/test-personnummer-check.js';

export const command = defineCommand(selectionOptionsSchema, async (ctx, typed) => {
  const options = parseSelectionOptions(typed);
  const session = openSession(ctx, 'read');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    const isTestPersonnummer = await testPersonnummerCheck(company);
    const selection = collectSelection(session.db, company, options, localToday(ctx.now()), { isTestPersonnummer });
    if (!ctx.json) printSelection(ctx, company, selection);
    return { json: selectionJson(company, selection) };
  } finally {
    session.db.close();
  }
});
