import { chmodSync, closeSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { displayEmployeeKey } from '../domain/format.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { localTime } from '../i18n/locale.js';
import { recordAudit } from '../store/audit.js';
import { APPLICATION_ID, SQLITE_MAGIC, type Db } from '../store/database.js';
import { BUSY_TIMEOUT_MS } from '../store/sqlite-errors.js';
import { SCHEMA_VERSION } from '../store/migrations.js';
import { listAllPrintBatches } from '../store/send-jobs.js';
import { isLockHeld, type LockLiveness } from '../store/send-lock.js';
import { describeLockHolder } from './lock-liveness.js';

/**
 * `payslips doctor`: looks at a database the way a support person would, without
 * changing it (unless `--fix`), and says for each problem how to fix it. It opens the
 * file itself rather than through `openDatabase`, because that refuses (and migrates)
 * exactly the files a doctor must be able to look at.
 */

type FindingCode =
  | 'not_sqlite'
  | 'foreign_database'
  | 'schema_too_new'
  | 'schema_outdated'
  | 'database_corrupt'
  | 'foreign_keys'
  | 'job_unfinished'
  | 'send_running'
  | 'lock_stale'
  | 'file_permissions'
  | 'print_partial'
  | 'print_batch_unsettled'
  | 'print_batch_unknown';

export interface Finding {
  code: FindingCode;
  /** `problem` makes the doctor exit non-zero; `note` is for information. */
  severity: 'problem' | 'note';
  message: string;
  /** What to do about it, as a command or a step. */
  fix: string;
  details?: string[];
  /** `--fix` can repair it safely. */
  fixable: boolean;
  fixed: boolean;
}

/** The checks by their `--json` name, stable for scripts; the words for them are the catalogue's. */
export type CheckName =
  | 'sqlite file'
  | 'file permissions'
  | 'credentials file permissions'
  | 'integrity'
  | 'payslips database'
  | 'schema version'
  | 'foreign keys'
  | 'send locks'
  | 'unfinished jobs'
  | 'print batches'
  | 'print batch records'
  | 'print batch permissions'
  | 'CSV log permissions';

export interface DoctorReport {
  database: string;
  schemaVersion: number | null;
  knownSchemaVersion: number;
  checks: Array<{ name: CheckName; ok: boolean }>;
  findings: Finding[];
  /** No problem left (fixed ones do not count). */
  healthy: boolean;
}

interface DoctorOptions {
  fix: boolean;
  now: Date;
  operator: string;
  /** How a send lock's holder is judged alive: the rule `send` takes a lock over by. */
  liveness: LockLiveness;
  /** The credentials file, and the directory payslips made for it (null: one the user chose). */
  credentials: { path: string; directory: string | null };
  /** --show-personnummer: a resume command's `--employees` personnummer in full, else masked. */
  showPersonnummer: boolean;
}

export function runDoctor(path: string, options: DoctorOptions): DoctorReport {
  if (!existsSync(path)) {
    throw new UsageError(t().doctor.missing(path), {
      code: 'database_missing',
      suggestion: t().doctor.missingFix,
    });
  }
  const report: DoctorReport = { database: path, schemaVersion: null, knownSchemaVersion: SCHEMA_VERSION, checks: [], findings: [], healthy: true };
  const add = (finding: Omit<Finding, 'fixed' | 'fixable'> & { fixable?: boolean }): Finding => {
    const full: Finding = { fixable: false, fixed: false, ...finding };
    report.findings.push(full);
    return full;
  };
  const check = (name: CheckName, ok: boolean): boolean => {
    report.checks.push({ name, ok });
    return ok;
  };

  if (!check('sqlite file', looksLikeSqlite(path))) {
    add({
      code: 'not_sqlite',
      severity: 'problem',
      message: t().doctor.notSqlite(path),
      fix: t().doctor.notSqliteFix,
    });
    return finish(report);
  }
  checkPermissions(path, options.fix, check, add);
  const { credentials } = options;
  checkOwnerOnly(
    'credentials file permissions',
    [
      ...(credentials.directory ? [{ path: credentials.directory, holds: t().doctor.holds.credentialsDirectory, directory: true }] : []),
      { path: credentials.path, holds: t().doctor.holds.credentials },
    ],
    options.fix,
    check,
    add,
  );

  let db: Db;
  try {
    db = new Database(path, { readonly: !options.fix, fileMustExist: true });
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  } catch (error) {
    add({ code: 'database_corrupt', severity: 'problem', message: t().doctor.cannotOpen(path, (error as Error).message), fix: t().doctor.restoreFix(path) });
    return finish(report);
  }
  try {
    examine(db, path, report, options, check, add);
  } catch (error) {
    // A damaged file can fail any query; that is a finding, not a crash of the doctor.
    add({ code: 'database_corrupt', severity: 'problem', message: t().doctor.cannotRead(path, (error as Error).message), fix: t().doctor.restoreFix(path) });
  } finally {
    db.close();
  }
  return finish(report);
}

function finish(report: DoctorReport): DoctorReport {
  report.healthy = report.findings.every((f) => f.severity !== 'problem' || f.fixed);
  return report;
}

type Check = (name: CheckName, ok: boolean) => boolean;
type Add = (finding: Omit<Finding, 'fixed' | 'fixable'> & { fixable?: boolean }) => Finding;

function examine(db: Db, path: string, report: DoctorReport, options: DoctorOptions, check: Check, add: Add): void {
  const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  if (!check('integrity', integrity.length === 1 && integrity[0] === 'ok')) {
    add({
      code: 'database_corrupt',
      severity: 'problem',
      message: t().doctor.integrity(integrity.length, path),
      details: integrity.slice(0, 10),
      fix: t().doctor.restoreFix(path),
    });
    // Reading on from a damaged file could report nonsense; the fix above comes first.
    return;
  }

  const version = db.pragma('user_version', { simple: true }) as number;
  report.schemaVersion = version;
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const tables = (db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'`).get() as { n: number }).n;
  if (!check('payslips database', tables === 0 || applicationId === APPLICATION_ID)) {
    add({
      code: 'foreign_database',
      severity: 'problem',
      message: t().doctor.foreign(path),
      fix: t().doctor.foreignFix,
    });
    return;
  }
  if (!check('schema version', version <= SCHEMA_VERSION)) {
    add({
      code: 'schema_too_new',
      severity: 'problem',
      message: t().doctor.tooNew(path, version, SCHEMA_VERSION),
      fix: t().doctor.tooNewFix,
    });
    return;
  }
  if (version < SCHEMA_VERSION) {
    add({
      code: 'schema_outdated',
      severity: 'note',
      message: t().doctor.outdated(path, version, tables === 0, SCHEMA_VERSION),
      fix: t().doctor.nothingToDo,
    });
    return;
  }

  const brokenKeys = db.pragma('foreign_key_check') as Array<{ table: string; rowid: number; parent: string }>;
  if (!check('foreign keys', brokenKeys.length === 0)) {
    add({
      code: 'foreign_keys',
      severity: 'problem',
      message: t().doctor.brokenKeys(brokenKeys.length),
      details: brokenKeys.slice(0, 10).map((k) => t().doctor.brokenKey(k.table, k.rowid, k.parent)),
      fix: t().doctor.restoreFix(path),
    });
  }

  const liveJobs = checkLocks(db, options, check, add);
  const keys: KeyDisplay = { show: options.showPersonnummer, now: options.now };
  checkJobs(db, liveJobs, check, add, keys);
  const printDirs = printDirectories(db, join(dirname(path), 'print'));
  // Only while no send runs: a running send's batch is partial until it finishes.
  if (liveJobs.size === 0) {
    for (const dir of printDirs) checkPartialPrintBatches(dir, options.fix, check, add);
    checkUnrecordedBatches(db, printDirs, check, add, keys);
  }
  checkOwnerOnly('print batch permissions', printBatchFiles(db, printDirs), options.fix, check, add);
  checkOwnerOnly('CSV log permissions', csvLogFiles(db), options.fix, check, add);
  if (options.fix && report.findings.some((f) => f.fixed)) {
    recordAudit(db, {
      at: options.now.toISOString(),
      operator: options.operator,
      companyId: null,
      action: 'doctor.fix',
      details: { fixed: report.findings.filter((f) => f.fixed).map((f) => ({ code: f.code, message: f.message })) },
    });
  }
}

interface LockRow {
  company_id: number;
  org_number: string;
  name: string;
  job_id: number | null;
  pid: number;
  hostname: string;
  acquired_at: string;
  heartbeat_at: string;
}

/** Stale send locks (holder gone); returns the jobs a live send is working on now. */
function checkLocks(db: Db, options: DoctorOptions, check: Check, add: Add): Set<number> {
  const rows = db
    .prepare(
      `SELECT l.company_id, c.org_number, c.name, l.job_id, l.pid, l.hostname, l.acquired_at, l.heartbeat_at
       FROM send_locks l JOIN companies c ON c.id = l.company_id ORDER BY l.company_id`,
    )
    .all() as LockRow[];
  const live = new Set<number>();
  let stale = 0;
  for (const lock of rows) {
    const holder = describeLockHolder({ pid: lock.pid, hostname: lock.hostname, jobId: lock.job_id, acquiredAt: lock.acquired_at });
    const alive = isLockHeld({ jobId: lock.job_id, pid: lock.pid, hostname: lock.hostname, acquiredAt: lock.acquired_at, heartbeatAt: lock.heartbeat_at }, options.liveness);
    if (alive) {
      if (lock.job_id !== null) live.add(lock.job_id);
      add({
        code: 'send_running',
        severity: 'note',
        message: t().doctor.sendRunning(lock.name, holder),
        fix: t().doctor.sendRunningFix,
      });
      continue;
    }
    stale += 1;
    const finding = add({
      code: 'lock_stale',
      severity: 'problem',
      message: t().doctor.lockStale(lock.name, holder),
      fix: t().doctor.lockStaleFix,
      fixable: true,
    });
    if (options.fix) {
      // Only the row as it was seen: a send that took the lock meanwhile keeps it.
      const removed = db.prepare('DELETE FROM send_locks WHERE company_id = ? AND pid = ? AND heartbeat_at = ?').run(lock.company_id, lock.pid, lock.heartbeat_at);
      finding.fixed = removed.changes === 1;
    }
  }
  check('send locks', stale === 0);
  return live;
}

interface OpenJobRow {
  id: number;
  org_number: string;
  name: string;
  status: string;
  selection: string;
  started_at: string;
  pending: number;
  sending: number;
}

/** Jobs a crash, Ctrl+C or an outage left unfinished, with the command that finishes each. */
function checkJobs(db: Db, liveJobs: ReadonlySet<number>, check: Check, add: Add, keys: KeyDisplay): void {
  const rows = db
    .prepare(
      `SELECT j.id, c.org_number, c.name, j.status, j.selection, j.started_at,
         sum(i.state = 'pending') AS pending, sum(i.state = 'sending') AS sending
       FROM send_jobs j JOIN companies c ON c.id = j.company_id LEFT JOIN send_items i ON i.job_id = j.id
       GROUP BY j.id
       HAVING j.status IN ('running','interrupted','aborted') OR sum(i.state IN ('pending','sending')) > 0
       ORDER BY j.id`,
    )
    .all() as OpenJobRow[];
  const open = rows.filter((row) => !liveJobs.has(row.id));
  check('unfinished jobs', open.length === 0);
  for (const job of open) {
    const left: string[] = [];
    if (job.pending > 0) left.push(t().doctor.notYetSent(job.pending));
    if (job.sending > 0) left.push(t().doctor.unknownOutcome(job.sending));
    add({
      code: 'job_unfinished',
      severity: 'problem',
      message: t().doctor.jobUnfinished(job.id, job.name, localTime(job.started_at), left.length > 0 ? left.join(', ') : null),
      fix: resumeAdvice(job, keys, (command) => t().doctor.jobUnfinishedFix(command, job.id)),
    });
  }
}

/** How `--employees` personnummer in a suggested command are shown: masked unless --show-personnummer. */
interface KeyDisplay {
  show: boolean;
  now: Date;
}

/**
 * The `send` command whose selection matches the job, so a re-run continues it. The job
 * keeps its `--employees` as typed, personnummer included: on screen they are masked like
 * every personnummer, and `masked` says so (a masked command would not select the same
 * payslips, so it would not continue the job).
 */
function resumeCommand(job: { org_number: string; selection: string }, keys: KeyDisplay): { command: string; masked: boolean } {
  const selection = JSON.parse(job.selection) as { payoutDate?: string; status?: string; employees?: string[] | null; resend?: boolean; changed?: boolean };
  const parts = ['payslips send', `--company ${job.org_number}`, `--date ${selection.payoutDate ?? '?'}`, `--status ${selection.status ?? 'final'}`];
  let masked = false;
  if (Array.isArray(selection.employees) && selection.employees.length > 0) {
    const shown = selection.employees.map((key) => displayEmployeeKey(key, keys.show, keys.now));
    masked = shown.some((key, index) => key !== selection.employees![index]);
    parts.push(`--employees ${shown.join(',')}`);
  }
  if (selection.resend) parts.push('--resend');
  if (selection.changed) parts.push('--changed');
  return { command: parts.join(' '), masked };
}

/** Advice built around a resume command, told how to see it in full when it is masked. */
function resumeAdvice(job: { org_number: string; selection: string }, keys: KeyDisplay, advice: (command: string) => string): string {
  const { command, masked } = resumeCommand(job, keys);
  return masked ? `${advice(command)} ${t().doctor.resumeCommandMasked}` : advice(command);
}

function looksLikeSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    const read = readSync(fd, header, 0, 16, 0);
    // An empty file is what the first use creates before any table; SQLite reads it.
    return read === 0 || header.toString('latin1', 0, read) === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * A print batch a killed send was writing (`*.partial`, in the default print directory):
 * its payslips were not recorded as printed, so a re-run prints them again.
 */
function checkPartialPrintBatches(printDir: string, fix: boolean, check: Check, add: Add): void {
  const partial = existsSync(printDir) ? readdirSync(printDir).filter((f) => f.endsWith('.partial')) : [];
  if (check('print batches', partial.length === 0)) return;
  const finding = add({
    code: 'print_partial',
    severity: 'problem',
    message: t().doctor.printPartial(partial.length, printDir),
    details: partial,
    fix: t().doctor.printPartialFix(partial.length),
    fixable: true,
  });
  if (fix) {
    for (const file of partial) rmSync(join(printDir, file), { force: true });
    finding.fixed = true;
  }
}

interface Sensitive {
  path: string;
  /** What is in it, for the message. */
  holds: string;
  directory?: boolean;
}

/**
 * The print directory beside the database (a `--print-dir` elsewhere is the user's own
 * directory, not ours to narrow) and every finished batch a job recorded, with the manifest
 * beside it.
 */
/** The default print directory and every directory a recorded batch was written to. */
function printDirectories(db: Db, defaultDir: string): string[] {
  const recorded = (db.prepare('SELECT pdf_path FROM print_batches').pluck().all() as string[]).map((pdf) => dirname(pdf));
  return [...new Set([defaultDir, ...recorded])];
}

function printBatchFiles(db: Db, printDirs: readonly string[]): Sensitive[] {
  const batches = listAllPrintBatches(db).filter((b) => b.state !== 'abandoned');
  return [
    ...printDirs.map((path) => ({ path, holds: t().doctor.holds.printDirectory, directory: true })),
    ...batches.flatMap((batch) => [
      { path: batch.pdfPath, holds: t().doctor.holds.printBatch },
      { path: batch.manifestPath, holds: t().doctor.holds.manifest },
    ]),
  ];
}

/**
 * A batch file no finished job owns: one a crash left between writing it and recording
 * its payslips printed (the next send of that job settles it), or one the database does not
 * know at all (copied in, or from another database): printing it could print payslips
 * twice, or payslips of which nobody knows they were printed.
 */
function checkUnrecordedBatches(db: Db, printDirs: readonly string[], check: Check, add: Add, keys: KeyDisplay): void {
  const batches = listAllPrintBatches(db);
  const finishing = batches.filter((b) => b.state === 'finishing');
  const known = new Set(batches.filter((b) => b.state === 'complete').flatMap((b) => [b.pdfPath, b.manifestPath]));
  const unknown = printDirs.flatMap((dir) =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => /^print-job-.*\.(pdf|csv)$/.test(name))
          .map((name) => join(dir, name))
          .filter((file) => !known.has(file) && !finishing.some((b) => b.pdfPath === file || b.manifestPath === file))
      : [],
  );
  if (check('print batch records', finishing.length === 0 && unknown.length === 0)) return;
  for (const batch of finishing) {
    const job = db.prepare('SELECT c.org_number, j.selection FROM send_jobs j JOIN companies c ON c.id = j.company_id WHERE j.id = ?').get(batch.jobId) as { org_number: string; selection: string };
    add({
      code: 'print_batch_unsettled',
      severity: 'problem',
      message: t().doctor.printUnsettled(batch.pdfPath, batch.jobId),
      fix: resumeAdvice(job, keys, (command) => t().doctor.printUnsettledFix(command)),
    });
  }
  if (unknown.length > 0) {
    add({
      code: 'print_batch_unknown',
      severity: 'problem',
      message: t().doctor.printUnknown(unknown.length),
      details: unknown,
      fix: t().doctor.printUnknownFix,
    });
  }
}

function csvLogFiles(db: Db): Sensitive[] {
  const details = db.prepare(`SELECT details FROM audit_log WHERE action = 'log.csv' ORDER BY id`).pluck().all() as string[];
  const paths = new Set(details.map((d) => (JSON.parse(d) as { path?: unknown }).path).filter((p): p is string => typeof p === 'string'));
  return [...paths].map((path) => ({ path, holds: t().doctor.holds.csvLog }));
}

/**
 * One finding per file or directory that others may read (or list), with its mode and the
 * command that closes it. One that no longer exists was removed, which is fine.
 */
function checkOwnerOnly(name: CheckName, targets: Sensitive[], fix: boolean, check: Check, add: Add): void {
  let ok = true;
  for (const target of targets) {
    let mode: number;
    try {
      mode = statSync(target.path).mode & 0o777;
    } catch {
      continue;
    }
    if ((mode & 0o077) === 0) continue;
    ok = false;
    const wanted = target.directory ? '700' : '600';
    const finding = add({
      code: 'file_permissions',
      severity: 'problem',
      message: (target.directory ? t().doctor.othersMayLookInto : t().doctor.othersMayRead)(target.path, mode.toString(8).padStart(3, '0'), target.holds),
      fix: t().doctor.chmodFix(wanted, target.path),
      fixable: true,
    });
    if (fix) {
      chmodSync(target.path, Number.parseInt(wanted, 8));
      finding.fixed = true;
    }
  }
  check(name, ok);
}

/** The database and its WAL hold personnummer and salaries: owner-only, as the tool writes them. */
function checkPermissions(path: string, fix: boolean, check: Check, add: Add): void {
  const loose = [path, `${path}-wal`, `${path}-shm`].filter((file) => existsSync(file) && (statSync(file).mode & 0o077) !== 0);
  if (check('file permissions', loose.length === 0)) return;
  const finding = add({
    code: 'file_permissions',
    severity: 'problem',
    message: t().doctor.databaseReadable(loose.join(', '), loose.length),
    details: loose.map((file) => t().doctor.fileMode(file, (statSync(file).mode & 0o777).toString(8))),
    fix: t().doctor.databaseReadableFix(loose.length),
    fixable: true,
  });
  if (fix) {
    for (const file of loose) chmodSync(file, 0o600);
    finding.fixed = true;
  }
}
