import type { Context } from '../../context.js';
import { formatImportWarning } from '../../import/problems.js';
import type { ImportFormat, ImportWarning } from '../../import/types.js';
import type { Counts, ImportSummary } from '../../workflows/import-payroll.js';
import type { MailboxMatch } from '../../workflows/match-mailboxes.js';

export interface SyncOutcome extends ImportSummary {
  from: string;
  format: ImportFormat;
  warnings: ImportWarning[];
  mailboxes: MailboxMatch | null;
}

const line = (c: Counts): string => `${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged`;

/** The import summary; warnings go to stderr even under --json, as every warning does. */
export function printSync(ctx: Context, outcome: SyncOutcome): void {
  const { terminal } = ctx;
  for (const warning of outcome.warnings) terminal.warn(formatImportWarning(warning));
  if (ctx.json) return;
  terminal.success(`Imported ${outcome.from} (${outcome.format}) into ${outcome.company.name}.`);
  terminal.result(
    [
      `Employees  ${line(outcome.employees)}`,
      `Pay runs   ${line(outcome.payRuns)}`,
      `Payslips   ${line(outcome.payslips)}${outcome.payslips.changedSinceDelivery > 0 ? `; ${outcome.payslips.changedSinceDelivery} changed since delivery` : ''}`,
      `Warnings   ${outcome.warnings.length}`,
    ].join('\n'),
  );
  if (outcome.payslips.changedSinceDelivery > 0) {
    terminal.warn(`${outcome.payslips.changedSinceDelivery} payslip(s) changed after they were delivered; send with --resend to deliver the corrected version.`);
  }
}
