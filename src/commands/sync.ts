import { z } from 'zod';
import type { CommandModule } from '../cli.js';
import { AbortedError, RefusedError, UsageError } from '../errors.js';
import { formatImportProblem } from '../import/problems.js';
import { checkPayrollExport } from '../import/read-payroll-export.js';
import { printSync, type SyncOutcome } from '../ui/views/sync.js';
import { importPayrollFrom } from '../workflows/import-payroll.js';
import { matchMailboxes } from '../workflows/match-mailboxes.js';
import { localToday } from '../workflows/selection.js';
import { openSession } from '../workflows/session.js';

export const syncOptionsSchema = z.object({ from: z.string().min(1), offline: z.boolean().optional() });

export const run: CommandModule['run'] = async (ctx, rawOptions) => {
  const parsed = syncOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error), { code: 'invalid_option' });
  const { from, offline } = parsed.data;

  // Check the whole export before the database is even opened: bad input writes nothing.
  const read = await checkPayrollExport(from, { referenceDate: localToday(ctx.now()) });
  if (!read.ok) {
    throw new UsageError(`${from} cannot be imported: ${read.problems.length} problem${read.problems.length === 1 ? '' : 's'}. Nothing was written.`, {
      code: 'invalid_import',
      details: read.problems.map(formatImportProblem),
    });
  }

  const session = openSession(ctx, 'sync');
  try {
    const { company, summary } = importPayrollFrom(session.db, read.source, ctx.companySelector, session.operator, session.at);
    const outcome: SyncOutcome = { from, format: read.format, ...summary, warnings: read.warnings, mailboxes: null };
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
};

/**
 * The import was committed before Kivra was asked (SPEC §3: what was done is kept), so a
 * refusal (no credentials, exit 4) or an abort (exit 5) while matching says so; under
 * --json the import summary is not printed.
 */
function importKept(error: unknown): unknown {
  const kept = (message: string) => `${message.replace(/\.?$/, '.')} The import itself was kept; only the mailbox check is missing.`;
  if (error instanceof RefusedError) {
    return new RefusedError(error.code, kept(error.message), { suggestion: error.suggestion, details: error.details });
  }
  if (!(error instanceof AbortedError)) return error;
  const retry = 'Run the same sync again when Kivra answers: the import finds nothing to change and the mailboxes are checked.';
  return new AbortedError(error.code, kept(error.message), {
    // Rejected credentials need fixing first; for anything else, trying again is the advice.
    suggestion: error.code === 'kivra_auth' ? error.suggestion : retry,
    details: error.details,
    cause: error,
  });
}
