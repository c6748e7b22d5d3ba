import type { Channel, ChannelReason, ChannelWarning, DeliveryNote } from '../domain/channel.js';
import type { PersonnummerFailure } from '../domain/personnummer.js';
import type { PayRunStatus, PersonnummerProblem } from '../domain/types.js';
import type { Db } from './database.js';
import { cachedStatement } from './statements.js';

export type Outcome = 'delivered' | 'retained' | 'printed' | 'skipped' | 'failed';
/** An item waits (`pending`), is posted and awaits its answer (`sending`), or has its outcome. */
type ItemState = 'pending' | 'sending' | Outcome;

export type JobStatus = 'running' | 'succeeded' | 'failed' | 'interrupted' | 'aborted';

export interface SendJob {
  id: number;
  companyId: number;
  operator: string;
  selection: Record<string, unknown>;
  status: JobStatus;
  startedAt: string;
  finishedAt: string | null;
  totals: Record<Outcome, number> | null;
  printBatchPath: string | null;
}

interface JobRow {
  id: number;
  company_id: number;
  operator: string;
  selection: string;
  status: JobStatus;
  started_at: string;
  finished_at: string | null;
  totals: string | null;
  print_batch_path: string | null;
}

const toJob = (r: JobRow): SendJob => ({
  id: r.id,
  companyId: r.company_id,
  operator: r.operator,
  selection: JSON.parse(r.selection) as Record<string, unknown>,
  status: r.status,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  totals: r.totals === null ? null : (JSON.parse(r.totals) as Record<Outcome, number>),
  printBatchPath: r.print_batch_path,
});

export function createJob(db: Db, job: { companyId: number; operator: string; selection: Record<string, unknown>; at: string }): number {
  const info = db
    .prepare(`INSERT INTO send_jobs (company_id, operator, selection, status, started_at, pid) VALUES (?, ?, ?, 'running', ?, ?)`)
    .run(job.companyId, job.operator, JSON.stringify(job.selection), job.at, process.pid);
  return Number(info.lastInsertRowid);
}

export function getJob(db: Db, companyId: number, id: number): SendJob | undefined {
  const row = db.prepare('SELECT * FROM send_jobs WHERE id = ? AND company_id = ?').get(id, companyId) as JobRow | undefined;
  return row && toJob(row);
}

export function listJobs(db: Db, companyId: number, limit: number): SendJob[] {
  return (db.prepare('SELECT * FROM send_jobs WHERE company_id = ? ORDER BY id DESC LIMIT ?').all(companyId, limit) as JobRow[]).map(toJob);
}

/**
 * The newest job with the same selection that did not finish (interrupted, aborted, or
 * left `running` by a process that died): a re-run continues it instead of starting over.
 */
export function findUnfinishedJob(db: Db, companyId: number, selection: Record<string, unknown>): SendJob | undefined {
  const row = db
    .prepare(
      `SELECT * FROM send_jobs WHERE company_id = ? AND selection = ? AND status IN ('running','interrupted','aborted')
       ORDER BY id DESC LIMIT 1`,
    )
    .get(companyId, JSON.stringify(selection)) as JobRow | undefined;
  return row && toJob(row);
}

export function markJobRunning(db: Db, id: number): void {
  db.prepare(`UPDATE send_jobs SET status = 'running', finished_at = NULL, pid = ? WHERE id = ?`).run(process.pid, id);
}

export function finishJob(
  db: Db,
  id: number,
  result: { status: Exclude<JobStatus, 'running'>; at: string; totals: Record<Outcome, number>; printBatchPath: string | null },
): void {
  db.prepare(`UPDATE send_jobs SET status = ?, finished_at = ?, totals = ?, print_batch_path = coalesce(?, print_batch_path) WHERE id = ?`).run(
    result.status,
    result.at,
    JSON.stringify(result.totals),
    result.printBatchPath,
    id,
  );
}

export interface SendItem {
  id: number;
  jobId: number;
  payslipId: number;
  channel: Channel;
  reason: ChannelReason;
  state: ItemState;
  attempts: number;
  payload: Buffer | null;
  payloadSha256: string | null;
  kivraContentKey: string | null;
  correlationId: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  warning: ChannelWarning | null;
  note: DeliveryNote | null;
  /** For a correction: when the document it replaces was delivered. */
  replacesDeliveredAt: string | null;
  /** The fingerprint and status of the document rendered for it, once rendered. */
  fingerprint: string | null;
  sentStatus: PayRunStatus | null;
  finishedAt: string | null;
}

interface ItemRow {
  id: number;
  job_id: number;
  payslip_id: number;
  channel: Channel;
  reason: ChannelReason;
  state: ItemState;
  attempts: number;
  payload: Buffer | null;
  payload_sha256: string | null;
  kivra_content_key: string | null;
  correlation_id: string | null;
  error_code: string | null;
  error_message: string | null;
  warning: ChannelWarning | null;
  note: DeliveryNote | null;
  replaces_delivered_at: string | null;
  fingerprint: string | null;
  sent_status: PayRunStatus | null;
  finished_at: string | null;
}

const toItem = (r: ItemRow): SendItem => ({
  id: r.id,
  jobId: r.job_id,
  payslipId: r.payslip_id,
  channel: r.channel,
  reason: r.reason,
  state: r.state,
  attempts: r.attempts,
  payload: r.payload,
  payloadSha256: r.payload_sha256,
  kivraContentKey: r.kivra_content_key,
  correlationId: r.correlation_id,
  errorCode: r.error_code,
  errorMessage: r.error_message,
  warning: r.warning,
  note: r.note,
  replacesDeliveredAt: r.replaces_delivered_at,
  fingerprint: r.fingerprint,
  sentStatus: r.sent_status,
  finishedAt: r.finished_at,
});

/** One planned payslip of a job, as the selection decided it. */
export interface PlannedItem {
  payslipId: number;
  channel: Channel;
  reason: ChannelReason;
  warning?: ChannelWarning;
  note?: DeliveryNote;
  replacesDeliveredAt: string | null;
}

export function insertItems(db: Db, jobId: number, items: Iterable<PlannedItem>): void {
  const statement = db.prepare(
    `INSERT INTO send_items (job_id, payslip_id, channel, reason, state, warning, note, replaces_delivered_at) VALUES (?, ?, ?, ?, 'pending', ?, ?, ?)
     ON CONFLICT (job_id, payslip_id) DO NOTHING`,
  );
  for (const item of items) statement.run(jobId, item.payslipId, item.channel, item.reason, item.warning ?? null, item.note ?? null, item.replacesDeliveredAt);
}

export function listItems(db: Db, jobId: number, states?: readonly ItemState[]): SendItem[] {
  const rows = states
    ? (db.prepare(`SELECT * FROM send_items WHERE job_id = ? AND state IN (${states.map(() => '?').join(',')}) ORDER BY id`).all(jobId, ...states) as ItemRow[])
    : (db.prepare('SELECT * FROM send_items WHERE job_id = ? ORDER BY id').all(jobId) as ItemRow[]);
  return rows.map(toItem);
}

/** The ids of a job's items in these states, in order: a large job's work list, without its rows. */
export function listItemIds(db: Db, jobId: number, states: readonly ItemState[]): number[] {
  return db
    .prepare(`SELECT id FROM send_items WHERE job_id = ? AND state IN (${states.map(() => '?').join(',')}) ORDER BY id`)
    .pluck()
    .all(jobId, ...states) as number[];
}

/** Items by id, in the order of `ids` (a slice of the work list, payloads included). */
export function getItems(db: Db, ids: readonly number[]): SendItem[] {
  if (ids.length === 0) return [];
  const rows = cachedStatement(db, `SELECT * FROM send_items WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as ItemRow[];
  const byId = new Map(rows.map((r) => [r.id, toItem(r)]));
  return ids.map((id) => byId.get(id)!);
}

/** Re-plans a not-yet-started item (a resumed job re-checks mailboxes, and what was delivered meanwhile). */
export function replanItem(db: Db, id: number, plan: Omit<PlannedItem, 'payslipId'>): void {
  cachedStatement(db, `UPDATE send_items SET channel = ?, reason = ?, warning = ?, note = ?, replaces_delivered_at = ? WHERE id = ? AND state = 'pending'`).run(
    plan.channel,
    plan.reason,
    plan.warning ?? null,
    plan.note ?? null,
    plan.replacesDeliveredAt,
    id,
  );
}

/**
 * Kivra could not deliver a started item (no mailbox any more): it goes on by another
 * channel, its bytes dropped, with Kivra's answer kept for the log.
 */
export function rerouteItem(db: Db, id: number, plan: { channel: Channel; reason: ChannelReason }, kivra: { code: string; message: string }): void {
  cachedStatement(db, `UPDATE send_items SET channel = ?, reason = ?, state = 'pending', payload = NULL, payload_sha256 = NULL, error_code = ?, error_message = ? WHERE id = ?`).run(
    plan.channel,
    plan.reason,
    kivra.code,
    kivra.message,
    id,
  );
}

/**
 * Persists the exact bytes before they are posted: if the process dies or the answer is
 * lost, the next run posts the same bytes again and Kivra's duplicate control absorbs it.
 * The document's fingerprint and status go with them: a delivery counts for what was sent.
 */
export function markSending(db: Db, id: number, payload: Buffer, sha256: string, sent: { fingerprint: string; status: PayRunStatus }): void {
  cachedStatement(db, `UPDATE send_items SET state = 'sending', payload = ?, payload_sha256 = ?, fingerprint = ?, sent_status = ? WHERE id = ?`).run(
    payload,
    sha256,
    sent.fingerprint,
    sent.status,
    id,
  );
}

/**
 * A payslip whose outcome is unknown in another job (its bytes reached Kivra, no answer
 * came) must only ever be posted again as those same bytes: a fresh render carries a new
 * timestamp, which Kivra's duplicate control would take for a second payslip. So a job
 * about to send it takes over the stored bytes, and the other job's item ends there,
 * pointing at this job. Only not-yet-started kivra/retain items of `jobId` take over.
 */
export function adoptUnknownOutcomes(db: Db, jobId: number, at: string): number {
  const rows = db
    .prepare(
      `SELECT n.id AS newId, o.id AS oldId, o.job_id AS oldJob, o.payload AS payload, o.payload_sha256 AS sha256, o.attempts AS attempts,
         o.fingerprint AS fingerprint, o.sent_status AS sentStatus, o.note AS note, o.replaces_delivered_at AS replacesDeliveredAt
       FROM send_items n
       JOIN send_items o ON o.payslip_id = n.payslip_id AND o.job_id <> n.job_id
       WHERE n.job_id = ? AND n.state = 'pending' AND n.channel IN ('kivra','retain')
         AND o.state = 'sending' AND o.payload IS NOT NULL`,
    )
    .all(jobId) as Array<{
    newId: number;
    oldId: number;
    oldJob: number;
    payload: Buffer;
    sha256: string;
    attempts: number;
    fingerprint: string;
    sentStatus: PayRunStatus;
    note: DeliveryNote | null;
    replacesDeliveredAt: string | null;
  }>;
  for (const row of rows) {
    // The bytes are the old item's, so is what they say: a correction stays one.
    markSending(db, row.newId, row.payload, row.sha256, { fingerprint: row.fingerprint, status: row.sentStatus });
    cachedStatement(db, 'UPDATE send_items SET note = ?, replaces_delivered_at = ? WHERE id = ?').run(row.note, row.replacesDeliveredAt, row.newId);
    finishItem(db, row.oldId, {
      state: 'skipped',
      at,
      errorCode: 'continued_in_job',
      errorMessage: `outcome unknown here; job ${jobId} sent the identical payload again`,
    });
  }
  return rows.length;
}

export function addAttempts(db: Db, id: number, attempts: number): void {
  cachedStatement(db, 'UPDATE send_items SET attempts = attempts + ? WHERE id = ?').run(attempts, id);
}

export function finishItem(
  db: Db,
  id: number,
  result: {
    state: Outcome;
    at: string;
    kivraContentKey?: string | null;
    correlationId?: string | null;
    errorCode?: string | null;
    errorMessage?: string | null;
    /** Requests this outcome took, added to the item's count in the same write. */
    attempts?: number;
  },
): void {
  // The payload is dropped once the outcome is known: it was only kept for a retry. The
  // attempts are counted in this same UPDATE: SQLite rewrites the whole row, payload
  // included, for any UPDATE, so a separate one before this would copy ~30 KiB for nothing.
  cachedStatement(
    db,
    `UPDATE send_items SET state = ?, finished_at = ?, kivra_content_key = ?, correlation_id = ?, error_code = ?, error_message = ?, payload = NULL,
       attempts = attempts + ?
     WHERE id = ?`,
  ).run(
    result.state,
    result.at,
    result.kivraContentKey ?? null,
    result.correlationId ?? null,
    result.errorCode ?? null,
    result.errorMessage ?? null,
    result.attempts ?? 0,
    id,
  );
}

/** A payslip in a batch that is in place: printed. Kivra's answer that sent it to print (if any) stays for the log. */
export function markPrinted(db: Db, id: number, at: string): void {
  cachedStatement(db, `UPDATE send_items SET state = 'printed', finished_at = ?, payload = NULL WHERE id = ?`).run(at, id);
}

export function countOutcomes(db: Db, jobId: number): Record<Outcome, number> & { pending: number; sending: number } {
  const totals = { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0, pending: 0, sending: 0 };
  const rows = db.prepare('SELECT state, count(*) AS n FROM send_items WHERE job_id = ? GROUP BY state').all(jobId) as Array<{ state: ItemState; n: number }>;
  for (const row of rows) totals[row.state] = row.n;
  return totals;
}

/** One item with what the log shows of its payslip, employee and pay run. */
export interface JobItemRow {
  itemId: number;
  employeeNumber: string;
  employeeName: string;
  personnummer: string | null;
  /** As the payroll system entered it, and why it is not valid, when it is not. */
  personnummerInput: string | null;
  personnummerProblem: PersonnummerProblem | null;
  personnummerReason: PersonnummerFailure | null;
  note: DeliveryNote | null;
  replacesDeliveredAt: string | null;
  printBatchId: number | null;
  payRun: string;
  payoutDate: string;
  payslipStatus: string;
  channel: Channel;
  reason: ChannelReason;
  warning: ChannelWarning | null;
  state: ItemState;
  kivraContentKey: string | null;
  correlationId: string | null;
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  finishedAt: string | null;
}

/**
 * The columns of a `JobItemRow`, from `send_items i` joined with its payslip `p`, employee
 * `e` and pay run `r` (JOB_ITEM_TABLES): one list for every query that reads such rows.
 */
export const JOB_ITEM_COLUMNS = `i.id AS itemId, e.employee_number AS employeeNumber, e.first_name || ' ' || e.last_name AS employeeName,
     e.personnummer AS personnummer, e.personnummer_input AS personnummerInput, e.personnummer_problem AS personnummerProblem,
     e.personnummer_reason AS personnummerReason, i.note, i.replaces_delivered_at AS replacesDeliveredAt, i.print_batch_id AS printBatchId,
     r.run_key AS payRun, r.payout_date AS payoutDate, r.status AS payslipStatus,
     i.channel, i.reason, i.warning, i.state, i.kivra_content_key AS kivraContentKey, i.correlation_id AS correlationId,
     i.attempts, i.error_code AS errorCode, i.error_message AS errorMessage, i.finished_at AS finishedAt`;

export const JOB_ITEM_TABLES = `send_items i
   JOIN payslips p ON p.id = i.payslip_id
   JOIN employees e ON e.id = p.employee_id
   JOIN pay_runs r ON r.id = p.pay_run_id`;

/** By employee number as a person reads them (`2` before `10`), then pay run. */
const JOB_ITEM_ORDER = 'ORDER BY length(e.employee_number), e.employee_number, r.run_key';

const JOB_ITEM_ROWS = `SELECT ${JOB_ITEM_COLUMNS}
   FROM ${JOB_ITEM_TABLES}
   WHERE i.job_id = ?
   ${JOB_ITEM_ORDER}`;

export function listJobItemRows(db: Db, jobId: number): JobItemRow[] {
  return db.prepare(JOB_ITEM_ROWS).all(jobId) as JobItemRow[];
}

/**
 * The same rows one at a time, for output that may be long (a send of 50,000 payslips):
 * nothing else may use the connection until the iteration ends.
 */
export function iterateJobItemRows(db: Db, jobId: number): IterableIterator<JobItemRow> {
  return db.prepare(JOB_ITEM_ROWS).iterate(jobId) as IterableIterator<JobItemRow>;
}

/** A job's items in one state, in the order of `listJobItemRows`: a job's failures without reading its deliveries. */
export function listJobItemRowsIn(db: Db, jobId: number, state: ItemState): JobItemRow[] {
  return db
    .prepare(
      `SELECT ${JOB_ITEM_COLUMNS}
       FROM ${JOB_ITEM_TABLES}
       WHERE i.job_id = ? AND i.state = ?
       ${JOB_ITEM_ORDER}`,
    )
    .all(jobId, state) as JobItemRow[];
}

/** A print batch file of a job: one per run of the job that printed anything. */
export interface PrintBatchRecord {
  id: number;
  jobId: number;
  pdfPath: string;
  manifestPath: string;
  state: 'finishing' | 'complete' | 'abandoned';
  payslips: number;
  /** Null for batches recorded before page counts were kept. */
  pages: number | null;
  blankPages: number | null;
}

export function listPrintBatches(db: Db, jobId: number, states: ReadonlyArray<PrintBatchRecord['state']> = ['complete']): PrintBatchRecord[] {
  return db
    .prepare(
      `SELECT id, job_id AS jobId, pdf_path AS pdfPath, manifest_path AS manifestPath, state, payslips, pages, blank_pages AS blankPages
       FROM print_batches WHERE job_id = ? AND state IN (${states.map(() => '?').join(',')}) ORDER BY id`,
    )
    .all(jobId, ...states) as PrintBatchRecord[];
}

/**
 * Records a batch about to be renamed into place, with the items in it and what each
 * printed document was. From here a crash leaves a batch the next run settles.
 */
export function recordFinishingBatch(
  db: Db,
  batch: { jobId: number; pdfPath: string; manifestPath: string; payslips: number; pages: number; blankPages: number; at: string },
  items: ReadonlyArray<{ itemId: number; fingerprint: string; status: PayRunStatus }>,
): number {
  const id = Number(
    db
      .prepare(
        `INSERT INTO print_batches (job_id, pdf_path, manifest_path, state, payslips, pages, blank_pages, created_at) VALUES (?, ?, ?, 'finishing', ?, ?, ?, ?)`,
      )
      .run(batch.jobId, batch.pdfPath, batch.manifestPath, batch.payslips, batch.pages, batch.blankPages, batch.at).lastInsertRowid,
  );
  const statement = cachedStatement(db, 'UPDATE send_items SET print_batch_id = ?, fingerprint = ?, sent_status = ? WHERE id = ?');
  for (const item of items) statement.run(id, item.fingerprint, item.status, item.itemId);
  return id;
}

export function setPrintBatchState(db: Db, id: number, state: 'complete' | 'abandoned', at: string): void {
  db.prepare('UPDATE print_batches SET state = ?, finished_at = ? WHERE id = ?').run(state, at, id);
  if (state === 'abandoned') db.prepare(`UPDATE send_items SET print_batch_id = NULL WHERE print_batch_id = ? AND state = 'pending'`).run(id);
}

/** The items of a batch that are not yet marked printed, with what each printed document was. */
export function listBatchItems(db: Db, batchId: number): Array<{ id: number; payslipId: number; fingerprint: string; sentStatus: PayRunStatus }> {
  return db
    .prepare(`SELECT id, payslip_id AS payslipId, fingerprint, sent_status AS sentStatus FROM send_items WHERE print_batch_id = ? AND state = 'pending'`)
    .all(batchId) as Array<{ id: number; payslipId: number; fingerprint: string; sentStatus: PayRunStatus }>;
}

/** Every batch file any job recorded, for doctor's look at the print directories. */
export function listAllPrintBatches(db: Db): PrintBatchRecord[] {
  return db
    .prepare(`SELECT id, job_id AS jobId, pdf_path AS pdfPath, manifest_path AS manifestPath, state, payslips, pages, blank_pages AS blankPages FROM print_batches ORDER BY id`)
    .all() as PrintBatchRecord[];
}
