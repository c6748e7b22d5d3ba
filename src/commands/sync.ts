import { z } from 'zod';
import { defineCommand } from './command.js';
import { ExitCode, ExitError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { printImportKept, printMailboxes, printSync, unansweredText, type SyncOutcome } from '../ui/views/sync.js';
import { importExport } from '../workflows/import-export-file.js';
import { listEmployees } from '../store/employees.js';
import { checkMailboxes } from '../workflows/match-mailboxes.js';
import { testPersonnummerCheck } from '../workflows/test-personnummer-check.js';

const syncOptionsSchema = z.object({ from: z.string().min(1), offline: z.boolean().optional() });

export const command = defineCommand(syncOptionsSchema, async (ctx, options) => {
  const { from, offline } = options;

  const { session, format, company, summary, warnings } = await importExport(ctx, from);
  try {
    const isTest = await testPersonnummerCheck(company);
    const testPersonnummer = isTest ? listEmployees(session.db, company.id).filter((e) => e.personnummer !== null && isTest(e.personnummer)).map((e) => e.employeeNumber) : [];
    const outcome: SyncOutcome = { from, format, ...summary, warnings, mailboxes: null, testPersonnummer, imported: true, mailboxCheck: { done: false, reason: 'offline' } };
    printSync(ctx, outcome);
    if (offline) return { json: outcome };
    const check = await checkMailboxes(ctx, session.db, company);
    if (check.done) {
      outcome.mailboxes = check.match;
      outcome.mailboxCheck = { done: true };
      printMailboxes(ctx, check.match);
      return { json: outcome };
    }
    outcome.mailboxCheck = { done: false, reason: check.error.code, unanswered: check.unanswered };
    const error = importKept(check.error, check.unanswered);
    printImportKept(ctx, error);
    return { json: { ...outcome, error: error.toJSON() }, exitCode: error.exitCode };
  } finally {
    session.db.close();
  }
});

/**
 * The import was committed before Kivra was asked, so the error that stopped the mailbox
 * check (no credentials, a tenant key Kivra does not know: 4; Kivra away or refusing the
 * credentials: 5; Ctrl+C: 130) says the import was kept, who has no mailbox answer, and
 * how to finish. Its exit code is never 2: that says nothing was written.
 */
function importKept(error: ExitError, unanswered: readonly string[]): ExitError {
  const words = t().sync;
  const suggestion =
    error.code === 'kivra_unreachable'
      ? words.retryWhenKivraAnswers
      : error.exitCode === ExitCode.interrupted
        ? words.retryAfterInterrupt
        : error.suggestion
          ? words.retryAfterFix(error.suggestion)
          : words.retryAfterProblem;
  const exitCode = error.exitCode === ExitCode.usage ? ExitCode.refused : error.exitCode;
  return new ExitError(exitCode, error.code, words.importKept(error.message), { suggestion, details: [unansweredText(unanswered), ...error.details], cause: error });
}
