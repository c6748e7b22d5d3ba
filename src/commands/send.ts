import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { selectionOptionsSchema } from './selection-options.js';
import { RefusedError, UsageError } from '../errors.js';
import { createPrompter } from '../ui/prompts.js';
import { writeJsonDocument } from '../ui/json-document.js';
import { t } from '../i18n/catalogue.js';
import { createSendReporter, payslipsToSend, printSendPlan, sendJson, sendQuestion } from '../ui/views/send.js';
import { parseSelectionOptions } from '../workflows/selection.js';
import { assertCanSend, exitCodeFor, runSend } from '../workflows/send.js';
import { openSession, resolveCompany } from '../workflows/session.js';
import { testPersonnummerCheck } from '../workflows/test-personnummer-check.js';

const sendOptionsSchema = selectionOptionsSchema.extend({
  concurrency: z.coerce.number().int().min(1).max(64),
  printDir: z.string().optional(),
  details: z.boolean().optional(),
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
      throw new RefusedError('confirmation_required', t().send.confirmationRequired, { suggestion: t().send.confirmationRequiredFix });
    }
    const ask = createPrompter(ctx.terminal, ctx.yes, ctx.signal);
    const reporter = createSendReporter(ctx);
    const isTestPersonnummer = await testPersonnummerCheck(company);
    const result = await runSend(ctx, session, company, { selection, concurrency: options.concurrency, printDir, isTestPersonnummer }, {
      confirm: async (plan) => {
        // A date-wide --resend delivers a second copy of what employees have, and Kivra bills each.
        const resends = (): void => {
          if (plan.resends > 0) ctx.terminal.warn(t().send.resendWarning(plan.resends));
        };
        if (ctx.yes) {
          resends();
          return true;
        }
        printSendPlan(ctx, company, plan, Boolean(options.details));
        // Payslips that only fail (no personnummer, say) are recorded as failed without a
        // question: nothing goes out, and "Send 0 payslips?" would ask about nothing.
        if (payslipsToSend(plan) === 0) {
          ctx.terminal.info(t().send.nothingToSend);
          return true;
        }
        resends();
        return ask.confirm(sendQuestion(company, plan), { default: false, flag: '--yes' });
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
    throw new UsageError(t().send.printDirUnusable(dir, existing), { code: 'invalid_option' });
  }
}
