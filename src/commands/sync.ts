import { z } from 'zod';
import type { CommandModule } from '../cli.js';
import { UsageError } from '../errors.js';
import { formatImportProblem } from '../import/problems.js';
import { readPayrollExport } from '../import/read-payroll-export.js';
import { printSync, type SyncOutcome } from '../ui/views/sync.js';
import { importPayroll } from '../workflows/import-payroll.js';
import { matchMailboxes } from '../workflows/match-mailboxes.js';
import { localToday } from '../workflows/selection.js';
import { openSession } from '../workflows/session.js';

export const syncOptionsSchema = z.object({ from: z.string().min(1), offline: z.boolean().optional() });

export const run: CommandModule['run'] = async (ctx, rawOptions) => {
  const parsed = syncOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw new UsageError(z.prettifyError(parsed.error), { code: 'invalid_option' });
  const { from, offline } = parsed.data;

  // Validate the whole export before the database is even opened: bad input writes nothing.
  const read = await readPayrollExport(from, { referenceDate: localToday(ctx.now()) });
  if (!read.ok) {
    throw new UsageError(`${from} cannot be imported: ${read.problems.length} problem${read.problems.length === 1 ? '' : 's'}. Nothing was written.`, {
      code: 'invalid_import',
      details: read.problems.map(formatImportProblem),
    });
  }

  const session = openSession(ctx, 'sync');
  try {
    const { company, summary } = importPayroll(session.db, read.export, ctx.companySelector, session.operator, session.at);
    const outcome: SyncOutcome = { from, format: read.format, ...summary, warnings: read.warnings, mailboxes: null };
    printSync(ctx, outcome);
    if (!offline) {
      const { answers: _answers, ...match } = await matchMailboxes(ctx, session.db, company);
      outcome.mailboxes = match;
      if (!ctx.json) ctx.terminal.success(`Kivra mailboxes: ${outcome.mailboxes.withMailbox} of ${outcome.mailboxes.checked} flagged employees can receive.`);
    }
    return { json: outcome };
  } finally {
    session.db.close();
  }
};
