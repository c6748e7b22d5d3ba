import { z } from 'zod';
import { defineCommand } from './command.js';
import { AbortedError, RefusedError } from '../errors.js';
import { printSync, type SyncOutcome } from '../ui/views/sync.js';
import { importExport } from '../workflows/import-export-file.js';
import { listEmployees } from '../store/employees.js';
import { matchMailboxes } from '../workflows/match-mailboxes.js';
import { testPersonnummerCheck } from '../workflows/test-personnummer-check.js';

const syncOptionsSchema = z.object({ from: z.string().min(1), offline: z.boolean().optional() });

export const command = defineCommand(syncOptionsSchema, async (ctx, options) => {
  const { from, offline } = options;

  const { session, format, company, summary, warnings } = await importExport(ctx, from);
  try {
    const isTest = await testPersonnummerCheck(company);
    const testPersonnummer = isTest ? listEmployees(session.db, company.id).filter((e) => e.personnummer !== null && isTest(e.personnummer)).map((e) => e.employeeNumber) : [];
    const outcome: SyncOutcome = { from, format, ...summary, warnings, mailboxes: null, testPersonnummer };
    printSync(ctx, outcome);
    if (!offline) {
      const { answers: _answers, ...match } = await matchMailboxes(ctx, session.db, company).catch((error: unknown) => {
        throw importKept(error);
      });
      outcome.mailboxes = match;
      if (!ctx.json) ctx.terminal.success(`Kivra mailboxes: ${outcome.mailboxes.withMailbox} of ${outcome.mailboxes.checked} flagged employees can receive.`);
    }
    return { json: outcome };
  } finally {
    session.db.close();
  }
});

/**
 * The import was committed before Kivra was asked (what was done is kept), so a
 * refusal (no credentials, a tenant key Kivra does not know: exit 4) or an abort (exit 5)
 * while matching says so; under --json the import summary is not printed.
 */
function importKept(error: unknown): unknown {
  const kept = (message: string) => `${message.replace(/\.?$/, '.')} The import itself was kept; only the mailbox check is missing.`;
  if (error instanceof RefusedError) {
    return new RefusedError(error.code, kept(error.message), { suggestion: error.suggestion, details: error.details });
  }
  if (!(error instanceof AbortedError)) return error;
  const retry = 'Run the same sync again when Kivra answers: the import finds nothing to change and the mailboxes are checked.';
  return new AbortedError(error.code, kept(error.message), {
    // Kivra away: trying again is the advice; anything else needs fixing first.
    suggestion: error.code === 'kivra_unreachable' ? retry : error.suggestion,
    details: error.details,
    cause: error,
  });
}
