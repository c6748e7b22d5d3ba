import type { Context } from '../../context.js';
import { CHANNELS } from '../../domain/channel.js';
import { missingEmployerDetails } from '../../domain/employer-details.js';
import { t } from '../../i18n/catalogue.js';
import { employerDetailsFix, employerDetailsText } from '../../i18n/readiness.js';
import { maskEntered } from '../../domain/failure-message.js';
import { failureMessage, noteText, warningText } from '../../i18n/reasons.js';
import type { Company } from '../../domain/types.js';
import type { PlannedPayslip, Selection } from '../../workflows/selection.js';
import { paint, type Painted, type Styled } from '../colour.js';
import { renderTable } from '../table.js';
import { displayEmployeeKey, displayPersonnummer } from '../../domain/format.js';

/** The same rows `--json` prints, with personnummer in full (a file for the administrator). */
export function selectionJson(company: Company, selection: Selection) {
  const missing = company.settings.contentType === 'salaryslip' ? missingEmployerDetails(company) : [];
  return {
    payoutDate: selection.payoutDate,
    status: selection.options.status,
    resend: selection.options.resend,
    changed: selection.options.changed,
    payRuns: selection.payRuns.map((r) => ({ id: r.key, payoutDate: r.payoutDate, status: r.status, periodStart: r.periodStart, periodEnd: r.periodEnd })),
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
      channel: i.decision.channel,
      reason: i.decision.reason,
      message: failureMessage(i.decision.reason, i.employee),
      warning: i.decision.warning ?? null,
      note: i.decision.note ?? null,
      delivered: i.delivery.kind === 'not_delivered' ? null : { state: i.delivery.kind, deliveredAt: i.delivery.deliveredAt },
      replacesDeliveredAt: i.replacesDeliveredAt,
      failedBefore: i.failedBefore,
    })),
    totals: selection.totals,
    changedSinceDelivery: selection.changedSinceDelivery,
    finalAfterPreliminary: selection.finalAfterPreliminary,
    corrections: selection.corrections,
    resends: selection.resends,
    failedBefore: selection.failedBefore,
    employerDetailsMissing: missing,
  };
}

/** The day of birth plus 60 marks a samordningsnummer (SKV 707). */
function isSamordningsnummer(i: PlannedPayslip): boolean {
  const personnummer = i.employee.personnummer;
  return personnummer !== null && Number(personnummer.slice(6, 8)) > 60;
}

function describeSelection(ctx: Context, selection: Selection): string {
  const { options } = selection;
  const status = options.status === 'any' ? 'any status' : options.status;
  const employees = options.employees?.map((key) => displayEmployeeKey(key, ctx.showPersonnummer, ctx.now()));
  const flags = [employees ? `employees ${employees.join(', ')}` : null, options.changed ? 'changed since delivery' : null, options.resend ? 'resend' : null];
  return [`payout date ${selection.payoutDate ?? options.date} (${status})`, ...flags.filter(Boolean)].join(', ');
}

/** What the reason column says of one payslip: the rule that decided, and what else is worth knowing. */
function reasonText(ctx: Context, i: PlannedPayslip): Styled {
  const reason = failureMessage(i.decision.reason, i.employee, ctx.showPersonnummer ? undefined : maskEntered);
  const notes: Array<string | Painted> = [
    i.decision.warning ? paint('warn', warningText(i.decision.warning)) : null,
    i.decision.note ? noteText(i.decision.note) : null,
    i.failedBefore ? paint('warn', `failed before${i.failedBefore.jobId === null ? '' : ` in job ${i.failedBefore.jobId}`}; not tried again until the data changes`) : null,
    isSamordningsnummer(i) ? 'samordningsnummer' : null,
    i.testPersonnummer ? paint('warn', "one of Skatteverket's test personnummer") : null,
  ].filter((note): note is string | Painted => note !== null);
  if (notes.length === 0) return reason;
  return [reason, ' (', ...notes.flatMap((note, index) => (index === 0 ? [note] : ['; ', note])), ')'];
}

export function printSelection(ctx: Context, company: Company, selection: Selection, mood: 'would' | 'will'): void {
  const { terminal } = ctx;
  if (selection.payoutDate === null) {
    terminal.info(`No ${selection.options.status === 'any' ? '' : `${selection.options.status} `}pay run has been imported yet.`);
    return;
  }
  if (selection.items.length === 0) {
    terminal.info(`No payslips for ${describeSelection(ctx, selection)}.`);
    return;
  }
  const rows = selection.items.map((i) => [
    i.employee.employeeNumber,
    `${i.employee.firstName} ${i.employee.lastName}`,
    displayPersonnummer(i.employee.personnummer, ctx.showPersonnummer),
    i.payRun.key,
    i.payRun.status,
    colourChannel(i.decision.channel),
    reasonText(ctx, i),
  ]);
  terminal.result(renderTable(terminal, ['No.', 'Name', 'Personnummer', 'Pay run', 'Status', 'Channel', 'Reason'], rows));
  const totals = CHANNELS.filter((c) => selection.totals[c] > 0)
    .map((c) => `${c} ${selection.totals[c]}`)
    .join(', ');
  terminal.result(`${selection.items.length} payslips for ${describeSelection(ctx, selection)}; ${mood === 'would' ? 'a send would do' : 'to do'}: ${totals}.`);
  const counts = [
    selection.finalAfterPreliminary > 0 ? `${selection.finalAfterPreliminary} final payslip${plural(selection.finalAfterPreliminary)} whose preliminary version was delivered` : null,
    selection.corrections > 0 ? `${selection.corrections} correction${plural(selection.corrections)} of delivered payslips` : null,
    selection.resends > 0 ? `${selection.resends} delivered before, sent again (Kivra bills each)` : null,
    selection.failedBefore > 0 ? `${selection.failedBefore} failed before and not tried again until the payroll system corrects them` : null,
  ].filter((line): line is string => line !== null);
  if (counts.length > 0) terminal.result(`Of these: ${counts.join('; ')}.`);
  if (selection.changedSinceDelivery > 0) {
    const n = selection.changedSinceDelivery;
    terminal.warn(`${n} delivered payslip${n === 1 ? ' has' : 's have'} changed since delivery; a plain send leaves ${n === 1 ? 'it' : 'them'} alone. Send the correction${plural(n)} with: payslips send --date ${selection.payoutDate} --changed`);
  }
  const tests = selection.items.filter((i) => i.testPersonnummer).length;
  if (tests > 0) terminal.warn(`${tests} employee${plural(tests)} of this production company ${tests === 1 ? 'has' : 'have'} one of Skatteverket's test personnummer, which no real person has.`);
  const missing = company.settings.contentType === 'salaryslip' ? missingEmployerDetails(company) : [];
  if (missing.length > 0) terminal.warn(t().readiness.sendRefusesUntil(employerDetailsText(missing), missing.length, employerDetailsFix(missing)));
}

const plural = (n: number): string => (n === 1 ? '' : 's');

function colourChannel(channel: string): Painted {
  switch (channel) {
    case 'kivra':
    case 'print':
    case 'retain':
      return paint('success', channel);
    case 'fail':
      return paint('error', channel);
    default:
      return paint('dim', channel);
  }
}
