/** `payslips companies list`: a bureau's clients at a glance. */
export const companies = {
  none: 'No company has been set up in this database yet.',
  noneFix: 'Run payslips activate (a wizard on a terminal), or payslips activate --org-number <orgnr> --name <name>.',
  head: {
    orgNumber: 'Organisationsnummer',
    name: 'Company',
    environment: 'Environment',
    ready: 'Ready to send',
    lastSend: 'Last send',
    notSent: 'Pay runs not yet sent',
  },
  ready: 'ready',
  /** `2025-12-23 (9 payslips)`: a pay run not yet sent, by its payout date. */
  payRunNotSent: (payoutDate: string, payslips: string) => `${payoutDate} (${payslips})`,
  andMore: (n: string) => `and ${n} more`,
  lastSend: (time: string, job: string) => `${time}, job ${job}`,
};
