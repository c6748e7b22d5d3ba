import type { EmployerDetail } from '../../domain/employer-details.js';

/** What stands between a company and a send, and the details Kivra's salaryslip needs. */
export const readiness = {
  detail: { street: 'street address', postal_code: 'postal code', city: 'city', email: 'e-mail address', phone: 'telephone number' } satisfies Record<EmployerDetail, string>,
  /** `the employer's e-mail address and telephone number` */
  employerDetails: (names: string) => `the employer's ${names}`,
  detailsMissing: (details: string, n: number) => `${details} ${n === 1 ? 'is' : 'are'} missing, and Kivra's salaryslip requires ${n === 1 ? 'it' : 'them'}`,
  detailsMissingUntil: (details: string, n: number, fix: string) =>
    `${details} ${n === 1 ? 'is' : 'are'} missing; Kivra's salaryslip requires ${n === 1 ? 'it' : 'them'} and send refuses until ${n === 1 ? 'it is' : 'they are'} set: ${fix}`,
  sendRefusesUntil: (details: string, n: number, fix: string) => `send refuses until ${details} ${n === 1 ? 'is' : 'are'} set (Kivra's salaryslip requires ${n === 1 ? 'it' : 'them'}): ${fix}`,
  detailsFix: (options: string) => `payslips activate ${options} (or give them in the export's company)`,
  blocker: {
    licence_off: 'the Kivra licence is off',
    link_inactive: 'the program link is not active',
    send_payslips_off: 'sending payslips is off',
    tenant_key_missing: 'no tenant key is set',
    credentials_missing: (environment: string) => `no Kivra credentials for the ${environment} environment`,
  },
  fix: {
    licence_off: 'payslips activate --licence on',
    link_inactive: 'payslips activate --active on',
    send_payslips_off: 'payslips activate --send-payslips on',
    tenant_key_missing: 'payslips activate --tenant-key <key>',
    credentials_missing: 'set KIVRA_CLIENT_ID and KIVRA_CLIENT_SECRET, or let the activate wizard remember them',
  },
  cannotSend: (company: string, reasons: string) => `${company} cannot send: ${reasons}.`,
  blockerWithFix: (message: string, fix: string) => `${message}: ${fix}`,
};
