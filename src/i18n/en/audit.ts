import { activate } from './activate.js';

/** `payslips log --audit`: who did what, each entry's details as words. */
export const audit = {
  empty: 'The audit trail is empty.',
  head: { when: 'When', operator: 'Operator', company: 'Company', action: 'Action', what: 'What' },
  action: {
    sync: 'payroll import',
    company_create: 'company created',
    company_update: 'company changed',
    operator_bootstrap: 'first operator',
    operator_role: 'role given',
    operator_remove: 'operator removed',
    employees_flags: 'employee flags changed',
    send_start: 'send started',
    send_finish: 'send finished',
    log_csv: 'CSV log written',
    doctor_fix: 'doctor repaired',
  },
  /** Company details and settings as `activate` changes them: its words, a little longer where an entry stands alone. */
  field: { ...activate.field, active: 'program link active', templateDir: 'template directory' },
  role: { admin: 'administrator', payroll: 'payroll administrator', viewer: 'viewer' },
  change: (field: string, from: string, to: string) => `${field}: ${from} → ${to}`,
  appliedToEmployees: (employees: string, flags: string) => `applied to ${employees} (${flags})`,
  /** `10 added, 2 updated`: the counts of an import that are not zero. */
  counts: { added: (n: string) => `${n} added`, updated: (n: string) => `${n} updated`, unchanged: (n: string) => `${n} unchanged` },
  imported: (employees: string, payRuns: string, payslips: string) => `employees ${employees}; pay runs ${payRuns}; payslips ${payslips}`,
  changedSinceDelivery: (n: string) => `${n} changed since delivery`,
  companyAdded: 'company created',
  companyUpdated: 'company details changed',
  bootstrap: (name: string, role: string) => `${name} became ${role} as the first operator`,
  roleGiven: (name: string, from: string, to: string) => `${name}: ${from} → ${to}`,
  newOperator: 'new',
  removed: (name: string, role: string) => `${name} (${role})`,
  flags: (flags: string, employees: string) => `${flags}: ${employees}`,
  andMore: (n: string) => `and ${n} more`,
  sendStarted: (job: string, selection: string, planned: string) => `job ${job}: ${selection}; planned ${planned}`,
  sendFinished: (job: string, status: string, totals: string) => `job ${job} ${status}: ${totals}`,
  csvWritten: (job: string, file: string) => `job ${job}: ${file}`,
  fixed: (what: string) => `fixed: ${what}`,
};
