import type { Context } from '../../context.js';
import type { ExitError } from '../../errors.js';
import { t } from '../../i18n/catalogue.js';
import { count } from '../../i18n/locale.js';
import { formatImportWarning } from '../../import/problems.js';
import type { ImportFormat, ImportWarning } from '../../import/types.js';
import type { Counts, ImportSummary } from '../../workflows/import-payroll.js';
import type { MailboxMatch } from '../../workflows/match-mailboxes.js';
import { displayPersonnummer } from '../../domain/format.js';
import { paint } from '../colour.js';

/**
 * Whether Kivra was asked about mailboxes after the import: done, left out (`--offline`),
 * or not done for `reason` (the error's code), with the employees it would have asked that
 * have no answer from an earlier check either.
 */
export type MailboxCheckJson = { done: true } | { done: false; reason: 'offline' } | { done: false; reason: string; unanswered: string[] };

export interface SyncOutcome extends ImportSummary {
  from: string;
  format: ImportFormat;
  warnings: ImportWarning[];
  mailboxes: MailboxMatch | null;
  /** Employee numbers with one of Skatteverket's test personnummer, in a production company. */
  testPersonnummer: string[];
  /** The import was written: always true where sync gives this document (a refused export gives only an error). */
  imported: true;
  mailboxCheck: MailboxCheckJson;
}

/** The import summary; warnings go to stderr even under --json, as every warning does. */
export function printSync(ctx: Context, outcome: SyncOutcome): void {
  const { terminal } = ctx;
  const words = t().sync;
  for (const warning of outcome.warnings) terminal.warn(formatImportWarning(warning));
  if (ctx.json) return;
  terminal.success(words.imported(outcome.from, outcome.format, outcome.company.name));
  const counts = (c: Counts): string => words.counts(count(c.added), count(c.updated), count(c.unchanged));
  const changed = outcome.payslips.changedSinceDelivery;
  const rows: Array<[string, string]> = [
    [words.label.employees, counts(outcome.employees)],
    [words.label.payRuns, counts(outcome.payRuns)],
    [words.label.payslips, changed > 0 ? `${counts(outcome.payslips)}; ${words.changedCount(changed, count(changed))}` : counts(outcome.payslips)],
    [words.label.warnings, count(outcome.warnings.length)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  terminal.result(rows.map(([label, value]) => `${label.padEnd(width)}${value}`).join('\n'));
  for (const group of outcome.deliveryChanges) {
    if (group.changed > 0) {
      const command = `payslips send --date ${group.payoutDate} --status ${group.status} --changed`;
      terminal.warn(words.changedSinceDelivery(group.changed, count(group.changed), group.status, group.payoutDate, command));
    }
    if (group.finalNotSent > 0) {
      terminal.info(words.finalNow(group.finalNotSent, count(group.finalNotSent), group.payoutDate, `payslips send --date ${group.payoutDate}`));
    }
  }
  for (const group of outcome.duplicatePersonnummer) {
    terminal.warn(words.samePersonnummer(t().common.andList(group.employees), displayPersonnummer(group.personnummer, ctx.showPersonnummer)));
  }
  if (outcome.testPersonnummer.length > 0) {
    terminal.warn(words.testPersonnummer(outcome.testPersonnummer.length, outcome.testPersonnummer.join(', ')));
  }
}

export function printMailboxes(ctx: Context, match: MailboxMatch): void {
  if (!ctx.json) ctx.terminal.success(t().sync.mailboxes(count(match.withMailbox), count(match.checked)));
}

/** At most this many employee numbers are named on the terminal; `--json` lists them all. */
const NAMED = 10;

/** `No mailbox answer yet for 12 employees: 1001, 1002, … and 2 more.` */
export function unansweredText(unanswered: readonly string[]): string {
  const words = t().sync;
  if (unanswered.length === 0) return words.allAnsweredBefore;
  const named = unanswered.slice(0, NAMED);
  const rest = unanswered.length - named.length;
  const list = t().common.andList(rest > 0 ? [...named, words.andMore(count(rest))] : named);
  return words.unanswered(unanswered.length, count(unanswered.length), list);
}

/** A mailbox check that failed after the import, said as every error is (cli.ts), with what was kept. */
export function printImportKept(ctx: Context, error: ExitError): void {
  const { terminal } = ctx;
  terminal.error(error.message);
  for (const detail of error.details) terminal.info(`  ${detail}`);
  if (error.suggestion) terminal.info(paint('dim', error.suggestion));
}
