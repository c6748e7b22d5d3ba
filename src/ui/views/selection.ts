import type { Context } from '../../context.js';
import { CHANNELS, type Channel } from '../../domain/channel.js';
import { missingEmployerDetails } from '../../domain/employer-details.js';
import { maskEntered } from '../../domain/failure-message.js';
import type { Company } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { count } from '../../i18n/locale.js';
import { employerDetailsFix, employerDetailsText } from '../../i18n/readiness.js';
import { failureMessage, noteText, warningText } from '../../i18n/reasons.js';
import type { PlannedPayslip, SelectedEmployee, Selection } from '../../workflows/selection.js';
import { paint, type Painted, type Styled } from '../colour.js';
import { renderTable, type RenderedTable } from '../table.js';
import { totalsText } from './totals.js';
import { displayEmployeeKey, displayPersonnummer } from '../../domain/format.js';

/** Count and net pay per channel, and over the selection (integer öre): `totals` in `--json`. */
export function selectionTotalsJson(selection: Selection<SelectedEmployee>) {
  const total = CHANNELS.reduce((sum, c) => sum + selection.netPayOre[c], 0);
  return { ...selection.totals, netPayOre: { ...selection.netPayOre, total } };
}

/** The same rows `--json` prints, with personnummer in full (a file for the administrator). */
export function selectionJson(company: Company, selection: Selection<SelectedEmployee>) {
  const missing = company.settings.contentType === 'salaryslip' ? missingEmployerDetails(company) : [];
  return {
    payoutDate: selection.payoutDate,
    status: selection.options.status,
    resend: selection.options.resend,
    changed: selection.options.changed,
    payRuns: selection.payRuns.map((r) => ({ payRun: r.key, payoutDate: r.payoutDate, status: r.status, periodStart: r.periodStart, periodEnd: r.periodEnd })),
    items: selection.items.map((i) => ({
      employeeNumber: i.employee.employeeNumber,
      name: `${i.employee.firstName} ${i.employee.lastName}`,
      personnummer: i.employee.personnummer,
      personnummerEntered: i.employee.personnummer === null ? i.employee.personnummerInput : null,
      personnummerProblem: i.employee.personnummerProblem === null ? null : { problem: i.employee.personnummerProblem, reason: i.employee.personnummerReason },
      samordningsnummer: isSamordningsnummer(i),
      testPersonnummer: i.testPersonnummer,
      payRun: i.payRun.key,
      payoutDate: i.payRun.payoutDate,
      payslipStatus: i.payRun.status,
      netPayOre: i.netPayOre,
      channel: i.decision.channel,
      reason: i.decision.reason,
      message: failureMessage(i.decision.reason, i.employee),
      warning: i.decision.warning ?? null,
      note: i.decision.note ?? null,
      delivered: i.delivery.kind === 'not_delivered' ? null : { state: i.delivery.kind, deliveredAt: i.delivery.deliveredAt },
      replacesDeliveredAt: i.replacesDeliveredAt,
      failedBefore: i.failedBefore,
    })),
    totals: selectionTotalsJson(selection),
    changedSinceDelivery: selection.changedSinceDelivery,
    finalAfterPreliminary: selection.finalAfterPreliminary,
    corrections: selection.corrections,
    resends: selection.resends,
    failedBefore: selection.failedBefore,
    employerDetailsMissing: missing,
  };
}

/** The day of birth plus 60 marks a samordningsnummer (SKV 707). */
function isSamordningsnummer(i: PlannedPayslip<SelectedEmployee>): boolean {
  const personnummer = i.employee.personnummer;
  return personnummer !== null && Number(personnummer.slice(6, 8)) > 60;
}

/** `payout date 2025-11-25 (final), employees 1001, 1003`: what was asked for. */
export function describeSelection(ctx: Context, selection: Selection<SelectedEmployee>): string {
  const { options } = selection;
  const words = t().select;
  const employees = options.employees?.map((key) => displayEmployeeKey(key, ctx.showPersonnummer, ctx.now()));
  const flags = [employees ? words.employees(employees.join(', ')) : null, options.changed ? words.changedOnly : null, options.resend ? words.resend : null];
  return [words.payoutDate(selection.payoutDate ?? options.date, t().common.payRunStatus[options.status]), ...flags.filter(Boolean)].join(', ');
}

/** What the reason column says of one payslip: the rule that decided, and what else is worth knowing. */
function reasonCell(ctx: Context, i: PlannedPayslip<SelectedEmployee>): Styled {
  const words = t().select;
  const reason = failureMessage(i.decision.reason, i.employee, ctx.showPersonnummer ? undefined : maskEntered);
  const notes: Array<string | Painted> = [
    i.decision.warning ? paint('warn', warningText(i.decision.warning)) : null,
    i.decision.note ? noteText(i.decision.note) : null,
    i.failedBefore ? paint('warn', words.failedBefore(i.failedBefore.jobId)) : null,
    isSamordningsnummer(i) ? words.samordningsnummer : null,
    i.testPersonnummer ? paint('warn', words.testPersonnummer) : null,
  ].filter((note): note is string | Painted => note !== null);
  if (notes.length === 0) return reason;
  return [reason, ' (', ...notes.flatMap((note, index) => (index === 0 ? [note] : ['; ', note])), ')'];
}

/** Every payslip of the selection: who, which pay run, where it goes and why. */
export function selectionTable(ctx: Context, selection: Selection<SelectedEmployee>): RenderedTable {
  const columns = t().select.column;
  const rows = selection.items.map((i) => [
    i.employee.employeeNumber,
    `${i.employee.firstName} ${i.employee.lastName}`,
    displayPersonnummer(i.employee.personnummer, ctx.showPersonnummer),
    i.payRun.key,
    t().common.payRunStatus[i.payRun.status],
    colourChannel(i.decision.channel),
    reasonCell(ctx, i),
  ]);
  return renderTable(ctx.terminal, [columns.number, columns.name, columns.personnummer, columns.payRun, columns.status, columns.channel, columns.reason], rows);
}

/** Count and net pay per channel, and the total over the selection. */
export function selectionTotals(selection: Selection<SelectedEmployee>): string {
  const channel = t().common.channel;
  return totalsText(
    t().select.totals.channel,
    CHANNELS.map((c) => ({ label: channel[c], payslips: selection.totals[c], netPayOre: selection.netPayOre[c] })),
  );
}

/** Said of the payslips a send takes: what is special about some, and what waits. */
export function printSelectionNotes(ctx: Context, company: Company, selection: Selection<SelectedEmployee>, print: (text: string) => void): void {
  const { terminal } = ctx;
  const words = t().select;
  const counts = [
    selection.finalAfterPreliminary > 0 ? words.finalAfterPreliminary(selection.finalAfterPreliminary) : null,
    selection.corrections > 0 ? words.corrections(selection.corrections) : null,
    selection.resends > 0 ? words.resends(selection.resends) : null,
    selection.failedBefore > 0 ? words.failedBeforeCount(selection.failedBefore) : null,
  ].filter((line): line is string => line !== null);
  if (counts.length > 0) print(words.ofThese(counts.join('; ')));
  if (selection.changedSinceDelivery > 0) {
    terminal.warn(words.changedWaiting(selection.changedSinceDelivery, `payslips send --date ${selection.payoutDate} --changed`));
  }
  const tests = selection.items.filter((i) => i.testPersonnummer).length;
  if (tests > 0) terminal.warn(words.testPersonnummerWarning(tests));
  const missing = company.settings.contentType === 'salaryslip' ? missingEmployerDetails(company) : [];
  if (missing.length > 0) terminal.warn(t().readiness.sendRefusesUntil(employerDetailsText(missing), missing.length, employerDetailsFix(missing)));
}

/** `select`: the payslips on stdout, then what a send would do with them and their net pay. */
export function printSelection(ctx: Context, company: Company, selection: Selection<SelectedEmployee>): void {
  const { terminal } = ctx;
  if (!printNothingSelected(ctx, selection)) return;
  terminal.result(selectionTable(ctx, selection));
  const n = selection.items.length;
  terminal.result(t().select.wouldDo(t().common.payslips(n, count(n)), describeSelection(ctx, selection)));
  terminal.result(selectionTotals(selection));
  printSelectionNotes(ctx, company, selection, (text) => terminal.result(text));
}

/** Says so when the selection is empty; true when there is something to show. */
export function printNothingSelected(ctx: Context, selection: Selection<SelectedEmployee>): boolean {
  if (selection.payoutDate === null) {
    ctx.terminal.info(t().select.noPayRun(selection.options.status));
    return false;
  }
  if (selection.items.length === 0) {
    ctx.terminal.info(t().select.noPayslips(describeSelection(ctx, selection)));
    return false;
  }
  return true;
}

function colourChannel(channel: Channel): Painted {
  const word = t().common.channel[channel];
  switch (channel) {
    case 'kivra':
    case 'print':
    case 'retain':
      return paint('success', word);
    case 'fail':
      return paint('error', word);
    default:
      return paint('dim', word);
  }
}
