import type { Context } from '../../context.js';
import { formatImportWarning } from '../../import/problems.js';
import type { ImportFormat, ImportWarning } from '../../import/types.js';
import type { Counts, ImportSummary } from '../../workflows/import-payroll.js';
import type { MailboxMatch } from '../../workflows/match-mailboxes.js';
import { displayPersonnummer } from '../../domain/format.js';

export interface SyncOutcome extends ImportSummary {
  from: string;
  format: ImportFormat;
  warnings: ImportWarning[];
  mailboxes: MailboxMatch | null;
  /** Employee numbers with one of Skatteverket's test personnummer, in a production company. */
  testPersonnummer: string[];
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
  for (const group of outcome.deliveryChanges) {
    if (group.changed > 0) {
      terminal.warn(
        `${group.changed} delivered ${group.status} payslip${group.changed === 1 ? ' has' : 's have'} changed since delivery (payout ${group.payoutDate}). Send the correction${group.changed === 1 ? '' : 's'} with: payslips send --date ${group.payoutDate} --status ${group.status} --changed`,
      );
    }
    if (group.finalNotSent > 0) {
      terminal.info(`${group.finalNotSent} payslip${group.finalNotSent === 1 ? ' is' : 's are'} final now (payout ${group.payoutDate}); only the preliminary version was delivered. payslips send --date ${group.payoutDate} sends the final one${group.finalNotSent === 1 ? '' : 's'}.`);
    }
  }
  for (const group of outcome.duplicatePersonnummer) {
    terminal.warn(`employees ${group.employees.join(' and ')} have the same personnummer (${displayPersonnummer(group.personnummer, ctx.showPersonnummer)}); nothing is sent to any of them (duplicate_personnummer) until the payroll system corrects it.`);
  }
  if (outcome.testPersonnummer.length > 0) {
    terminal.warn(`employee${outcome.testPersonnummer.length === 1 ? '' : 's'} ${outcome.testPersonnummer.join(', ')} of this production company ${outcome.testPersonnummer.length === 1 ? 'has' : 'have'} one of Skatteverket's test personnummer, which no real person has.`);
  }
}
