import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { selectionOptionsSchema } from './selection-options.js';
import { RefusedError, UsageError } from '../errors.js';
import { createPrompter } from '../ui/prompts.js';
import { printSelection } from '../ui/views/selection.js';
import { writeJsonDocument } from '../ui/json-document.js';
import { createSendReporter, sendJson } from '../ui/views/send.js';
import { parseSelectionOptions } from '../workflows/selection.js';
import { assertCanSend, exitCodeFor, runSend } from '../workflows/send.js';
import { openSession, resolveCompany } from '../workflows/session.js';
import { testPersonnummerCheck } from '../workflows/test-personnummer-check.js';

/** A date-wide --resend delivers a second copy of what employees have, and Kivra bills each. */
function resendWarning(count: number): string {
  return `${count} of these payslips ${count === 1 ? 'was' : 'were'} delivered before and ${count === 1 ? 'is' : 'are'} sent again: the employee may get a second copy, and Kivra bills each content it accepts.`;
}

const sendOptionsSchema = selectionOptionsSchema.extend({
  concurrency: z.coerce.number().int().min(1, 'at least 1').max(64, 'at most 64'),
  printDir: z.string().optional(),
});

export const command = defineCommand(sendOptionsSchema, async (ctx, options) => {
  const selection = parseSelectionOptions(options);
  const printDir = resolve(options.printDir ?? join(dirname(ctx.dbPath), 'print'));
  assertPrintDirUsable(printDir);
  const session = openSession(ctx, 'send');
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    // The reason that matters most first: a role or setting that forbids sending, and
    // only then a missing --yes; both before anything is asked of Kivra.
    assertCanSend(ctx, company);
    if (!ctx.yes && !ctx.terminal.canPrompt) {
      throw new RefusedError('confirmation_required', 'Sending needs a confirmation, and there is no terminal to ask on. Nothing was sent.', {
        suggestion: 'Run payslips select with the same options to review, then send with --yes.',
      });
    }
    const ask = createPrompter(ctx.terminal, ctx.yes, ctx.signal);
    const reporter = createSendReporter(ctx);
    const isTestPersonnummer = await testPersonnummerCheck(company);
    const result = await runSend(ctx, session, company, { selection, concurrency: options.concurrency, printDir, isTestPersonnummer }, {
      confirm: async (plan) => {
        if (ctx.yes) {
          if (plan.resends > 0) ctx.terminal.warn(resendWarning(plan.resends));
          return true;
        }
        printSelection(ctx, company, plan);
        const toSend = plan.totals.kivra + plan.totals.retain + plan.totals.print;
        if (toSend === 0) return true;
        if (plan.resends > 0) ctx.terminal.warn(resendWarning(plan.resends));
        return ask.confirm(`Send ${toSend} payslip${toSend === 1 ? '' : 's'} now?`, { default: false, flag: '--yes' });
      },
      started: reporter.started,
      progress: reporter.progress,
    });
    reporter.finished(result);
    if (!ctx.json) return { json: undefined, exitCode: exitCodeFor(result) };
    // Written here, while the database is open: the items are read from it as they are
    // written, so a job of 50,000 payslips is never one document in memory.
    await writeJsonDocument(sendJson(result), ctx.terminal.stdoutPaced);
    return { json: undefined, raw: true, exitCode: exitCodeFor(result) };
  } finally {
    session.db.close();
  }
});

/**
 * The print batch is written in the middle of a send; a directory that cannot be made
 * there would stop the job half-way. So check before anything is sent: the directory, or
 * the nearest part of its path that exists, must be a directory we may write in.
 */
function assertPrintDirUsable(dir: string): void {
  let existing = dir;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  let usable = false;
  try {
    usable = statSync(existing).isDirectory();
    if (usable) accessSync(existing, constants.W_OK | constants.X_OK);
  } catch {
    usable = false;
  }
  if (!usable) {
    throw new UsageError(`--print-dir: cannot write the print batch in ${dir} (${existing} is not a writable directory). Nothing was sent.`, { code: 'invalid_option' });
  }
}
