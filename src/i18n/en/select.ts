import type { StatusFilter } from '../../domain/selection.js';

/** `select` and `preview`: which payslips a send takes, and where each would go. */
export const select = {
  badDate: (given: string) => `--date: "${given}" is not a date; use YYYY-MM-DD, today or latest.`,
  noEmployeesGiven: '--employees: give employee numbers or personnummer, comma-separated.',
  changedAndResend: '--changed and --resend: choose one. --changed sends the corrections of changed payslips; --resend sends delivered payslips again.',
  notSelected: (keys: string, n: number) => `--employees: ${keys} ha${n === 1 ? 's' : 've'} no payslip in this selection.`,
  notSelectedFix: 'payslips select with the same --date and --status lists who is in it.',

  column: { number: 'No.', name: 'Name', personnummer: 'Personnummer', payRun: 'Pay run', status: 'Status', channel: 'Channel', reason: 'Reason' },
  /** `payout date 2025-11-25 (final)` */
  payoutDate: (date: string, status: string) => `payout date ${date} (${status})`,
  employees: (list: string) => `employees ${list}`,
  changedOnly: 'changed since delivery',
  resend: 'resend',
  noPayRun: (status: StatusFilter) => `No ${status === 'any' ? '' : `${status} `}pay run has been imported yet.`,
  noPayslips: (selection: string) => `No payslips for ${selection}.`,
  /** Followed by the totals per channel. */
  wouldDo: (payslips: string, selection: string) => `${payslips} for ${selection}; a send would do:`,
  totals: { channel: 'Channel', outcome: 'Outcome', payslips: 'Payslips', netPay: 'Net pay' },
  ofThese: (counts: string) => `Of these: ${counts}.`,
  finalAfterPreliminary: (n: number) => `${n} final payslip${n === 1 ? '' : 's'} whose preliminary version was delivered`,
  corrections: (n: number) => `${n} correction${n === 1 ? '' : 's'} of delivered payslips`,
  resends: (n: number) => `${n} delivered before, sent again (Kivra bills each)`,
  failedBeforeCount: (n: number) => `${n} failed before and not tried again until the payroll system corrects them`,
  changedWaiting: (n: number, command: string) =>
    `${n} delivered payslip${n === 1 ? ' has' : 's have'} changed since delivery; a plain send leaves ${n === 1 ? 'it' : 'them'} alone. Send the correction${n === 1 ? '' : 's'} with: ${command}`,
  testPersonnummerWarning: (n: number) =>
    `${n} employee${n === 1 ? '' : 's'} of this production company ${n === 1 ? 'has' : 'have'} one of Skatteverket's test personnummer, which no real person has.`,
  failedBefore: (jobId: number | null) => `failed before${jobId === null ? '' : ` in job ${jobId}`}; not tried again until the data changes`,
  samordningsnummer: 'samordningsnummer',
  testPersonnummer: "one of Skatteverket's test personnummer",

  preview: {
    nameTheEmployee: 'Name the employee: payslips preview <employee-number|personnummer> --date <date>.',
    noPayRunFix: 'Import one with payslips sync --from <export>.',
    noPayRunOn: (date: string, status: string) => `No pay run has payout date ${date} (${status}).`,
    noPayRunOnFix: 'payslips preview <employee> --date latest takes the newest one.',
    noPayslip: (employee: string, date: string, status: string) => `${employee} has no payslip with payout date ${date} (${status}).`,
    noPayslipFix: 'payslips select with the same --date and --status lists who has one.',
    ambiguous: (employee: string, n: number, date: string, status: string) => `${employee} has ${n} payslips with payout date ${date} (${status}); say which with --status.`,
    ambiguousDetail: (payRun: string, status: string) => `pay run ${payRun}: ${status}`,
    cannotRender: (employee: string, payRun: string) => `The payslip of employee ${employee}, pay run ${payRun}, cannot be rendered.`,
    cannotRenderFix:
      'A send would record it as failed (render_failed) and deliver the others. Check its texts in the payroll export, and the template (payslips activate --template-dir default goes back to the built-in one).',
    variant: { kivra: 'Kivra payslip', print: 'print payslip' },
    /** `Kivra payslip of 1001 Anna Andersson (19800511-****), pay run 2025-11 (final, payout 2025-11-25)` */
    what: (variant: string, who: string, payRun: string, status: string, payoutDate: string) => `${variant} of ${who}, pay run ${payRun} (${status}, payout ${payoutDate})`,
    pages: (n: number) => `${n} page${n === 1 ? '' : 's'}`,
    wrote: (what: string, file: string, size: string) => `Wrote the ${what} to ${file} (${size}).`,
    rendered: (what: string, size: string) => `Rendered the ${what} (${size}).`,
    wouldDo: (channel: string, reason: string) => `A send with the same date and status would: ${channel} (${reason}).`,
    toPrintBatch: 'It would go to the print batch; --print shows that variant.',
    toKivra: 'It would go to Kivra; leave out --print to see that variant.',
    payload: (type: string, size: string, limit: string) => `Kivra payload (${type}): ${size} of Kivra's ${limit} limit.`,
    notDelivered: (code: string, message: string) => `A send would not deliver this payslip to Kivra (${code}): ${message}`,
  },
};
