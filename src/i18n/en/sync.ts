import type { PayRunStatus } from '../../domain/types.js';

/** A sentence that ends in a full stop, whatever the text it is made from ended in. */
const sentence = (text: string): string => text.replace(/\.?$/, '.');

/** `sync`: the import's summary and warnings, its refusals, and the mailbox check after it. */
export const sync = {
  imported: (from: string, format: string, company: string) => `Imported ${from} (${format}) into ${company}.`,
  label: { employees: 'Employees', payRuns: 'Pay runs', payslips: 'Payslips', warnings: 'Warnings' },
  counts: (added: string, updated: string, unchanged: string) => `${added} added, ${updated} updated, ${unchanged} unchanged`,
  changedCount: (_n: number, shown: string) => `${shown} changed since delivery`,
  /** `1 delivered final payslip has changed …`; `command` is the send that corrects it. */
  changedSinceDelivery: (n: number, shown: string, status: PayRunStatus, payoutDate: string, command: string) =>
    `${shown} delivered ${status} payslip${n === 1 ? ' has' : 's have'} changed since delivery (payout ${payoutDate}). Send the correction${n === 1 ? '' : 's'} with: ${command}`,
  finalNow: (n: number, shown: string, payoutDate: string, command: string) =>
    `${shown} payslip${n === 1 ? ' is' : 's are'} final now (payout ${payoutDate}); only the preliminary version was delivered. ${command} sends the final one${n === 1 ? '' : 's'}.`,
  samePersonnummer: (employees: string, personnummer: string) =>
    `employees ${employees} have the same personnummer (${personnummer}); nothing is sent to any of them (duplicate_personnummer) until the payroll system corrects it.`,
  testPersonnummer: (n: number, employees: string) =>
    `employee${n === 1 ? '' : 's'} ${employees} of this production company ${n === 1 ? 'has' : 'have'} one of Skatteverket's test personnummer, which no real person has.`,
  mailboxes: (withMailbox: string, checked: string) => `Kivra mailboxes: ${withMailbox} of ${checked} flagged employees can receive.`,

  refused: (from: string, n: number, shown: string) => `${from} cannot be imported: ${shown} problem${n === 1 ? '' : 's'}. Nothing was written.`,
  companyMismatch: (inExport: string, given: string) => `The export is for organisationsnummer ${inExport}, not ${given}.`,
  companyMismatchFix: 'Check that this is the right export, or leave out --company / PAYSLIPS_COMPANY.',
  sendRunning: (company: string, job: string | null, pid: string, host: string) =>
    `A send for ${company} is running (${job === null ? '' : `job ${job}, `}pid ${pid} on ${host}); sync would change the payslips it is sending. Nothing was imported.`,
  sendRunningFix: 'Run sync again when the send has finished (payslips log shows it).',

  // The import was written, the mailbox check after it could not be done.
  importKept: (problem: string) => `${sentence(problem)} The import itself was kept; only the mailbox check is missing.`,
  /** `No mailbox answer yet for 7 employees: 1001, 1002, …`; `list` may end in `and 40 more`. */
  unanswered: (n: number, shown: string, list: string) => `No mailbox answer yet for ${shown} employee${n === 1 ? '' : 's'}: ${list}.`,
  andMore: (shown: string) => `${shown} more`,
  allAnsweredBefore: 'Every employee to be asked keeps the answer of an earlier mailbox check.',
  retryWhenKivraAnswers: 'Run the same sync again when Kivra answers: the import finds nothing to change and the mailboxes are checked. To import without asking Kivra, add --offline.',
  retryAfterInterrupt: 'Run the same sync again to check the mailboxes: the import finds nothing to change. To import without asking Kivra, add --offline.',
  retryAfterProblem: 'Correct that, then run the same sync again to check the mailboxes (the import finds nothing to change), or add --offline to import without asking Kivra.',
  retryAfterFix: (fix: string) => `${sentence(fix)} Then run the same sync again to check the mailboxes (the import finds nothing to change), or add --offline to import without asking Kivra.`,
};
