/** `payslips payruns list`: the pay runs, the date picker for `send --date`. */
export const payruns = {
  none: (company: string) => `No pay runs for ${company} yet: import the payroll export with payslips sync.`,
  head: {
    payRun: 'Pay run',
    period: 'Period',
    payoutDate: 'Payout date',
    status: 'Status',
    payslips: 'Payslips',
    delivered: 'Delivered',
    retained: 'Retained',
    printed: 'Printed',
    skipped: 'Skipped',
    failed: 'Failed',
    notSent: 'Not yet sent',
    netPay: 'Net pay',
  },
  /** The newest pay run with payslips not yet sent, and the command that shows what a send of it would do. */
  nextToSend: (payRun: string, command: string) => `To send pay run ${payRun}, review it first: ${command}`,
};
