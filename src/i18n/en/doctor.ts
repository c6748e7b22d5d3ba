/** `payslips doctor`: what it checks, what it finds and how to fix each. */
export const doctor = {
  /** The checks by their `--json` name, as a person reads them. */
  check: {
    'sqlite file': 'SQLite file',
    'file permissions': 'file permissions',
    'credentials file permissions': 'credentials file permissions',
    'integrity': 'integrity',
    'payslips database': 'payslips database',
    'schema version': 'schema version',
    'foreign keys': 'foreign keys',
    'send locks': 'send locks',
    'unfinished jobs': 'unfinished jobs',
    'print batches': 'print batches',
    'print batch records': 'print batch records',
    'print batch permissions': 'print batch permissions',
    'CSV log permissions': 'CSV log permissions',
  },
  header: (path: string, version: string, known: number) => `Database ${path} (schema ${version}; this version knows ${known})`,
  unknownVersion: 'unknown',
  fixed: 'fixed',
  fixLabel: 'fix:',
  noProblems: 'No problems found.',
  problemsFound: (n: number, shown: string) => `${shown} problem${n === 1 ? '' : 's'} found.`,
  missing: (path: string) => `There is no database at ${path}; nothing to check.`,
  missingFix: 'Point --db (or PAYSLIPS_DB) at the database to check.',
  notSqlite: (path: string) => `${path} is not a SQLite database.`,
  notSqliteFix: 'Point --db at the payslips database, or restore it from a backup.',
  cannotOpen: (path: string, reason: string) => `${path} cannot be opened: ${reason}`,
  cannotRead: (path: string, reason: string) => `${path} cannot be read: ${reason}`,
  restoreFix: (path: string) =>
    `Restore the latest backup of ${path}; or salvage what SQLite can read: sqlite3 ${path} .recover | sqlite3 recovered.db, then payslips doctor --db recovered.db.`,
  integrity: (n: number, path: string) => `SQLite's integrity check found ${n} problem${n === 1 ? '' : 's'} in ${path}.`,
  foreign: (path: string) => `${path} is a SQLite database of another program, not of payslips.`,
  foreignFix: 'Point --db at the payslips database.',
  tooNew: (path: string, version: number, known: number) => `${path} was written by a newer payslips (schema ${version}; this version knows up to ${known}).`,
  tooNewFix: 'Upgrade payslips; this version must not write to it.',
  outdated: (path: string, version: number, empty: boolean, known: number) =>
    `${path} has schema ${version}${empty ? ' (empty)' : ''}; it is upgraded to ${known} the next time a command uses it.`,
  nothingToDo: 'Nothing to do.',
  brokenKeys: (n: number) => `${n} row${n === 1 ? '' : 's'} point at rows that no longer exist.`,
  brokenKey: (table: string, rowid: number, parent: string) => `${table} row ${rowid} → ${parent}`,
  sendRunning: (company: string, holder: string) => `A send for ${company} is running now (${holder}).`,
  sendRunningFix: 'Nothing to do; run payslips doctor again after it has finished.',
  lockStale: (company: string, holder: string) => `${company} has a stale send lock: its holder (${holder}) is gone or has stopped answering.`,
  lockStaleFix: 'payslips doctor --fix clears it (a new send also takes it over, as it does now).',
  notYetSent: (n: number) => `${n} payslip${n === 1 ? '' : 's'} not yet sent`,
  unknownOutcome: (n: number) => `${n} with an unknown outcome (sent, but no answer came)`,
  jobUnfinished: (jobId: number, company: string, started: string, left: string | null) =>
    `Job ${jobId} for ${company} (started ${started}) did not finish${left === null ? '' : `: ${left}`}.`,
  jobUnfinishedFix: (command: string, jobId: number) =>
    `Run ${command} again to finish job ${jobId}; payslips with an unknown outcome are re-sent byte for byte, which Kivra's duplicate control recognises.`,
  resumeCommandMasked: 'The personnummer in it are masked: payslips doctor --show-personnummer shows the command to run.',
  printPartial: (n: number, dir: string) =>
    `${n} unfinished print batch file${n === 1 ? '' : 's'} in ${dir}, left by a send that was stopped while writing.`,
  printPartialFix: (n: number): string =>
    n === 1
      ? 'Do not print it: the payslips in it were not recorded as printed and the re-run prints them. payslips doctor --fix deletes it.'
      : 'Do not print them: the payslips in them were not recorded as printed and the re-run prints them. payslips doctor --fix deletes them.',
  printUnsettled: (file: string, jobId: number) => `The print batch ${file} of job ${jobId} was written, but a send stopped before recording its payslips printed.`,
  printUnsettledFix: (command: string) =>
    `Do not print it yet. Finish the job: ${command}; it records the batch as printed if it is complete, or prints those payslips again in a new batch.`,
  printUnknown: (n: number) => `${n} print batch file${n === 1 ? '' : 's'} that no send job of this database wrote or finished.`,
  printUnknownFix:
    'Do not print them: nothing records their payslips as printed, so printing them may print payslips twice. Delete them once you know where they came from.',
  holds: {
    credentialsDirectory: 'the Kivra credentials file',
    credentials: 'Kivra client secrets',
    printDirectory: 'print batches',
    printBatch: 'payslips with names, addresses and pay',
    manifest: 'names and addresses',
    csvLog: 'full personnummer',
  },
  othersMayLookInto: (path: string, mode: string, holds: string) => `Other users may look into ${path} (mode ${mode}), which holds ${holds}.`,
  othersMayRead: (path: string, mode: string, holds: string) => `Other users may read ${path} (mode ${mode}), which holds ${holds}.`,
  chmodFix: (mode: string, path: string) => `chmod ${mode} ${path} (payslips doctor --fix does it).`,
  databaseReadable: (files: string, n: number) => `Other users may read ${files}, which hold${n === 1 ? 's' : ''} personal data.`,
  fileMode: (file: string, mode: string) => `${file}: mode ${mode}`,
  databaseReadableFix: (n: number) => `payslips doctor --fix makes ${n === 1 ? 'it' : 'them'} owner-only (chmod 600).`,
  mayNotFix: (operator: string) => `Operator "${operator}" may not run payslips doctor --fix (it needs the send right for every company).`,
  mayNotFixFix: 'Run payslips doctor without --fix to see the problems, or ask an operator with the send right for every company.',
};
