/** `send`: the confirmation, progress, the summary a person (or a cron mail) reads, and its refusals. */
export const send = {
  confirmationRequired: 'Sending needs a confirmation, and there is no terminal to ask on. Nothing was sent.',
  confirmationRequiredFix: 'Run payslips select with the same options to review, then send with --yes.',
  printDirUnusable: (dir: string, existing: string) => `--print-dir: cannot write the print batch in ${dir} (${existing} is not a writable directory). Nothing was sent.`,
  running: (company: string, pid: number, host: string, jobId: number | null, since: string) =>
    `Another send for ${company} is running (pid ${pid} on ${host}${jobId ? `, job ${jobId}` : ''}, since ${since}).`,
  runningFix: 'Wait for it to finish; payslips log shows its progress.',
  resendWarning: (n: number) =>
    `${n} of these payslips ${n === 1 ? 'was' : 'were'} delivered before and ${n === 1 ? 'is' : 'are'} sent again: the employee may get a second copy, and Kivra bills each content it accepts.`,

  /** `Ekbacken Bygg & Måleri AB (organisationsnummer 556677-8899)` */
  company: (name: string, orgNumber: string) => `Company: ${name} (organisationsnummer ${orgNumber})`,
  environment: (environment: string) => `Environment: ${environment}`,
  production: (environment: string) => `Environment: ${environment}. The payslips go to the employees' own Kivra mailboxes and the print batch is to be posted.`,
  selection: (selection: string) => `Selection: ${selection}`,
  question: (payslips: string, company: string, environment: string) => `Send ${payslips} of ${company} (${environment}) now?`,
  nothingToSend: 'Nothing goes to Kivra or to the print batch; the job only records why these payslips cannot be sent.',

  started: (jobId: number, resumed: boolean, payslips: string) => `Job ${jobId} ${resumed ? 'resumed' : 'started'}: ${payslips} to handle.`,
  sending: 'Sending…',
  progress: (done: number, total: number, rate: string, secondsLeft: number | null) =>
    `${done}/${total} payslips, ${rate}/s${secondsLeft === null ? '' : `, about ${secondsLeft}s left`}`,
  declined: 'Not sent.',
  nothingMatches: 'Nothing to send: no payslips match this selection.',
  nothingFor: (date: string) => `Nothing to send for payout date ${date}: no job was started.`,
  jobStatus: { succeeded: 'succeeded', failed: 'failed', aborted: 'aborted', interrupted: 'interrupted' },
  /** `Job 1 finished: failed. delivered 3, retained 2, printed 2, skipped 1, failed 2.` */
  finished: (jobId: number, status: string, counts: string) => `Job ${jobId} finished: ${status}. ${counts}.`,
  nothing: 'nothing',
  printBatch: (description: string) => `Print batch: ${description}`,
  batchPages: (n: number) => `${n} page${n === 1 ? '' : 's'}`,
  batchBlankPages: (pages: string, blank: number) => `${pages} with ${blank} blank for two-sided printing`,
  /** `print-job-1-….pdf (2 payslips, 4 pages with 2 blank for two-sided printing; manifest print-job-1-….csv)` */
  batch: (file: string, payslips: string, pages: string | null, manifest: string) => `${file} (${payslips}${pages === null ? '' : `, ${pages}`}; manifest ${manifest})`,
  unresolved: (n: number) => `${n} payslip${n === 1 ? '' : 's'} of this selection ${n === 1 ? 'is' : 'are'} not sent and wait${n === 1 ? 's' : ''} for a fix in the payroll system:`,
  unresolvedLine: (employeeNumber: string, name: string, payRun: string, why: string) => `${employeeNumber} ${name} (pay run ${payRun}): ${why}`,
  unresolvedFix: 'Correct them in the payroll system and run sync; the next send takes them.',
  changedNotSent: (n: number, command: string) =>
    `${n} delivered payslip${n === 1 ? ' has' : 's have'} changed since delivery and ${n === 1 ? 'was' : 'were'} not sent. Send the correction${n === 1 ? '' : 's'} with: ${command}`,
  seeLog: (command: string) => `See which failed and why: ${command}`,
};
