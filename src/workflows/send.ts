import { existsSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Context } from '../context.js';
import { DATA_FAILURES, replanWithoutMailbox, type ChannelReason } from '../domain/channel.js';
import { failureFingerprint } from '../domain/delivery.js';
import type { PersonnummerFailure } from '../domain/personnummer.js';
import { sendBlockers } from '../domain/settings.js';
import type { SelectionOptions } from '../domain/selection.js';
import type { Company, IsoDate, Ore, PayRunStatus, PayslipDocument } from '../domain/types.js';
import { RefusedError, type ExitCode, type ExitError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { localTime } from '../i18n/locale.js';
import { blockerFix, blockerMessage } from '../i18n/readiness.js';
import { failureMessage, storedErrorText, storedRerouteMessage } from '../i18n/reasons.js';
import { SOURCE_SYSTEM } from '../render/kivra-payload.js';
import { createPrintBatch, type PrintBatch } from '../render/print-batch.js';
import { createRenderPool } from '../render/render-pool.js';
import { recordAudit } from '../store/audit.js';
import { netPayByOutcome } from '../store/send-net-pay.js';
import { findCredentials } from '../store/credentials.js';
import { getEmployeesByIds, recordMailboxes } from '../store/employees.js';
import { listPayRuns, loadPayslips, markPayslipDelivered, recordPayslipFailure } from '../store/payroll.js';
import { acquireSendLock, heartbeatSendLock, releaseSendLock, setLockJob } from '../store/send-lock.js';
import {
  adoptUnknownOutcomes,
  countOutcomes,
  createJob,
  findUnfinishedJob,
  finishItem,
  finishJob,
  getItems,
  insertItems,
  iterateJobItemRows,
  listBatchItems,
  listItemIds,
  listItems,
  listJobItemRowsIn,
  listPrintBatches,
  markJobRunning,
  markPrinted,
  recordFinishingBatch,
  replanItem,
  rerouteItem,
  setPrintBatchState,
  type JobStatus,
  type Outcome,
  type PlannedItem,
  type PrintBatchRecord,
  type SendItem,
} from '../store/send-jobs.js';
import type { Session } from './session.js';
import { connectKivra } from './kivra-connection.js';
import { matchMailboxes } from './match-mailboxes.js';
import { lockLiveness } from './lock-liveness.js';
import { batchNames, itemOutcome, type ItemOutcome } from './job-log.js';
import { localToday, planPayslips, planSend, type PlannedPayslip, type SelectedEmployee, type Selection } from './selection.js';
import { deliverItem, sentDocument } from './send-items.js';
import { createSlots } from './slots.js';

interface SendRequest {
  selection: SelectionOptions;
  concurrency: number;
  printDir: string;
  /** Skatteverket's test numbers, noted where the company sends for real (production). */
  isTestPersonnummer?: (personnummer: string) => boolean;
}

interface SendHooks {
  /** Shows the plan and asks; false means the operator declined (nothing is sent). */
  confirm(selection: Selection<SelectedEmployee>): Promise<boolean>;
  started(jobId: number, resumed: boolean, toDo: number): void;
  progress(done: number, total: number): void;
}

/** A payslip of the selection that ended failed and waits for a fix: who, and why. */
export interface UnresolvedPayslip {
  employeeNumber: string;
  name: string;
  payRun: string;
  /** Kivra's error code, or the local reason (`missing_personnummer`, ...). */
  code: string;
  /** In full: an invalid personnummer as it was entered (a screen masks it). */
  message: string;
  personnummerEntered: string | null;
  personnummerReason: PersonnummerFailure | null;
  /** Whether `code` is a local reason (a `ChannelReason`) rather than Kivra's. */
  local: boolean;
  /** The job that logged the failure. */
  jobId: number | null;
}

export interface PrintBatchFile {
  pdfPath: string;
  manifestPath: string;
  payslips: number;
  /** Every page of the file, blank ones included; null for batches from before page counts were kept. */
  pages: number | null;
  blankPages: number | null;
}

export interface SendResult {
  jobId: number | null;
  resumed: boolean;
  status: Exclude<JobStatus, 'running'> | 'nothing_to_send' | 'declined';
  totals: Record<Outcome, number>;
  /** The sum of net pay per outcome: with `totals`, what to reconcile against the payroll system. */
  netPayOre: Record<Outcome, Ore>;
  /** Every print batch file of the job, however many runs it took. */
  printBatches: PrintBatchFile[];
  /** Why the job stopped early: exit 4 (a setting Kivra refused) or 5 (Kivra away or credentials refused). */
  abort: { code: string; message: string; suggestion: string | undefined; exitCode: ExitCode } | null;
  /**
   * Payslips of the selection that remain failed after this send: those that failed in
   * the job, and those that failed before for data that has not changed (not tried again).
   */
  unresolved: UnresolvedPayslip[];
  /** Payslips of the selection changed since delivery and not sent (a plain send leaves them to `--changed`). */
  changedNotSent: number;
  /** The payout date the selection resolved to, for the commands the summary suggests. */
  payoutDate: IsoDate | null;
  /**
   * Every payslip of the job with its outcome so far (a resumed job: all of them), read
   * from the database on demand: a large employer's job has tens of thousands, which
   * need not all be in memory at once. Valid while the session's database is open.
   */
  items: () => Iterable<ItemOutcome>;
}

const HEARTBEAT_MS = 15_000;

/**
 * `send`, from preconditions to the job's last item. Every payslip's state is written to
 * SQLite as it moves, so an interrupted or aborted run loses nothing and a re-run of the
 * same selection continues the same job.
 */
export async function runSend(ctx: Context, session: Session, company: Company, request: SendRequest, hooks: SendHooks): Promise<SendResult> {
  assertCanSend(ctx, company);
  const { db } = session;
  const lock = acquireSendLock(db, company.id, { pid: process.pid, hostname: hostname(), ...lockLiveness(ctx.now()) });
  if (!lock.acquired) {
    const { holder } = lock;
    throw new RefusedError('send_running', t().send.running(company.name, holder.pid, holder.hostname, holder.jobId, localTime(holder.acquiredAt)), {
      suggestion: t().send.runningFix,
    });
  }
  const heartbeat = setInterval(() => heartbeatSendLock(db, company.id, process.pid, new Date()), HEARTBEAT_MS);
  const connection = await connectKivra(ctx, company).catch((error: unknown) => {
    clearInterval(heartbeat);
    releaseSendLock(db, company.id, process.pid);
    throw error;
  });
  const pool = createRenderPool();
  try {
    return await sendWithLock(ctx, session, company, request, hooks, connection, pool);
  } finally {
    clearInterval(heartbeat);
    await pool.close();
    await connection.close();
    releaseSendLock(db, company.id, process.pid);
  }
}

export function assertCanSend(ctx: Context, company: Company): void {
  const hasCredentials = company.settings.environment === 'local' || Boolean(findCredentials(ctx.env, company.orgNumber, company.settings.environment));
  const blockers = sendBlockers(company, hasCredentials);
  const first = blockers[0];
  if (first) {
    throw new RefusedError(first.code, t().readiness.cannotSend(company.name, blockers.map(blockerMessage).join('; ')), {
      details: blockers.map((b) => t().readiness.blockerWithFix(blockerMessage(b), blockerFix(b))),
    });
  }
}

async function sendWithLock(
  ctx: Context,
  session: Session,
  company: Company,
  request: SendRequest,
  hooks: SendHooks,
  connection: Awaited<ReturnType<typeof connectKivra>>,
  pool: ReturnType<typeof createRenderPool>,
): Promise<SendResult> {
  const { db } = session;
  const opened = await openJob(ctx, session, company, request, hooks, connection);
  if (opened.status !== 'open') {
    return {
      jobId: null,
      resumed: false,
      status: opened.status,
      totals: { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0 },
      netPayOre: { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0 },
      printBatches: [],
      abort: null,
      unresolved: opened.status === 'nothing_to_send' ? opened.failedBefore : [],
      changedNotSent: opened.changedNotSent,
      payoutDate: opened.payoutDate,
      items: () => [],
    };
  }
  const { jobId, resumed } = opened;
  setLockJob(db, company.id, process.pid, jobId);
  // A run that died between writing a batch and recording its payslips printed left the
  // batch for this run to settle: printed if it is complete on disk, else printed again.
  if (resumed) settlePrintBatches(db, jobId, ctx.now().toISOString());

  // Only the ids are held: each slice of items (with any payload bytes an earlier run left)
  // is read when the queue reaches it and let go as it is handed out.
  const work = listItemIds(db, jobId, ['pending', 'sending']);
  const total = work.length;
  let next = 0;
  hooks.started(jobId, resumed, total);
  const docs = documentLoader(db, company);
  // Items and their documents are loaded a slice of the queue at a time: four queries per
  // slice rather than three per payslip, and only a slice of payslips held at once.
  let slice: Array<SendItem | undefined> = [];
  let loaded: Array<PayslipDocument | undefined> = [];
  const now = (): string => new Date().toISOString();
  // Created on the first print item; the name carries the run's time, since a resumed job
  // writes a second batch and an earlier one may already be at the printer.
  const printBatch: { current: Promise<PrintBatch> | null } = { current: null };
  const batchName = `print-job-${jobId}-${ctx.now().toISOString().replace(/[-:]/g, '').slice(0, 15)}`;
  const openBatch = (): Promise<PrintBatch> => (printBatch.current ??= createPrintBatch(request.printDir, batchName));
  const printed: Array<{ item: SendItem; sent: { fingerprint: string; status: PayRunStatus } }> = [];
  let done = 0;
  let abort: SendResult['abort'] = null;
  const stopping = (): boolean => abort !== null || ctx.signal.aborted;
  const delivery = {
    db,
    client: connection.client,
    tenantKey: connection.tenantKey,
    pool,
    posting: createSlots(Math.max(1, request.concurrency)),
    stopping,
    stop: (error: ExitError) => {
      abort ??= { code: error.code, message: error.message, suggestion: error.suggestion, exitCode: error.exitCode };
    },
    sourceSystem: SOURCE_SYSTEM,
    now,
  };

  const takeNext = (): { item: SendItem; doc: PayslipDocument } | undefined => {
    if (stopping() || next >= total) return undefined;
    if (next % DOCUMENTS_PER_LOAD === 0) {
      const items = getItems(db, work.slice(next, next + DOCUMENTS_PER_LOAD));
      loaded = docs(items);
      slice = items;
    }
    const at = next++ % DOCUMENTS_PER_LOAD;
    const taken = { item: slice[at]!, doc: loaded[at]! };
    slice[at] = undefined;
    loaded[at] = undefined;
    return taken;
  };
  const worker = async (): Promise<void> => {
    for (let taken = takeNext(); taken; taken = takeNext()) {
      await processItem(taken.item, taken.doc);
      hooks.progress(++done, total);
    }
  };
  const print = async (item: SendItem, doc: PayslipDocument): Promise<void> => {
    const rendered = await pool.run({ kind: 'print', doc, templateDir: company.settings.templateDir });
    if (!rendered.ok || rendered.kind !== 'print') {
      finishItem(db, item.id, { state: 'failed', at: now(), errorCode: rendered.ok ? 'render_failed' : rendered.code, errorMessage: rendered.ok ? 'unexpected render result' : rendered.message });
      return;
    }
    await (await openBatch()).add(doc, rendered.pdf);
    printed.push({ item, sent: sentDocument(doc) });
  };
  const processItem = async (item: SendItem, doc: PayslipDocument): Promise<void> => {
    switch (item.channel) {
      case 'skip':
        finishItem(db, item.id, { state: 'skipped', at: now() });
        return;
      case 'fail':
        failForData(db, jobId, item, doc, now());
        return;
      case 'print':
        await print(item, doc);
        return;
      case 'kivra':
      case 'retain': {
        const outcome = await deliverItem(delivery, item, doc);
        if (typeof outcome === 'object') await reroute(item, doc, outcome.unavailable);
        return;
      }
    }
  };
  /**
   * Kivra could not deliver to this recipient after all (the mailbox closed since it was
   * matched): the register learns it, and the payslip goes by the channel rules without a
   * mailbox, in this job: to print, or failed with Kivra's answer.
   */
  const reroute = async (item: SendItem, doc: PayslipDocument, kivra: { code: string; message: string }): Promise<void> => {
    if (doc.employee.personnummer !== null) recordMailboxes(db, company.id, [{ personnummer: doc.employee.personnummer, hasMailbox: false }], now());
    const plan = replanWithoutMailbox({ settings: company.settings, employee: doc.employee });
    rerouteItem(db, item.id, plan, kivra);
    if (plan.channel === 'print') await print(item, doc);
    else finishItem(db, item.id, { state: 'failed', at: now(), errorCode: kivra.code, errorMessage: storedRerouteMessage(plan.reason, kivra.message) });
  };
  // More payslips in hand than requests in flight: while `--concurrency` posts wait on
  // Kivra, the render threads already make the next payloads (two each, so a thread never
  // waits for work). Rendering only behind a free posting slot left the workers a fifth
  // idle in the benchmark's profile, while the posts waited on the network.
  const renderAhead = 2 * Math.max(1, pool.threads);
  await Promise.all(Array.from({ length: Math.max(1, request.concurrency) + renderAhead }, worker));

  // Whatever made it into the batch is written and recorded, even after Ctrl+C or an abort.
  if (printBatch.current && printed.length > 0) await finishPrintBatch(db, jobId, await printBatch.current, printed);
  const { pending, sending, ...totals } = countOutcomes(db, jobId);
  const status: SendResult['status'] = abort ? 'aborted' : pending + sending > 0 || ctx.signal.aborted ? 'interrupted' : totals.failed > 0 ? 'failed' : 'succeeded';
  const batches = listPrintBatches(db, jobId);
  finishJob(db, jobId, { status, at: now(), totals, printBatchPath: batches.at(-1)?.pdfPath ?? null });
  recordAudit(db, { at: now(), operator: session.operator, companyId: company.id, action: 'send.finish', details: { job: jobId, status, totals } });
  const names = batchNames(db, jobId);
  const items = function* (): Iterable<ItemOutcome> {
    for (const row of iterateJobItemRows(db, jobId)) yield itemOutcome(row, names);
  };
  return {
    jobId,
    resumed,
    status,
    totals,
    netPayOre: netPayByOutcome(db, jobId),
    printBatches: batches.map(printBatchFile),
    abort,
    unresolved: [...failedInJob(db, jobId), ...opened.failedBefore],
    changedNotSent: opened.changedNotSent,
    payoutDate: opened.payoutDate,
    items,
  };
}

/**
 * A payslip planned to fail (no, an invalid or a shared personnummer) is logged failed,
 * and remembered with the data it failed for: the next send leaves it alone until that
 * data changes.
 */
function failForData(db: Session['db'], jobId: number, item: SendItem, doc: PayslipDocument, at: string): void {
  db.transaction(() => {
    finishItem(db, item.id, { state: 'failed', at });
    if (DATA_FAILURES.has(item.reason)) {
      const fingerprint = failureFingerprint(sentDocument(doc).fingerprint, doc.employee, item.reason === 'duplicate_personnummer');
      recordPayslipFailure(db, item.payslipId, { fingerprint, code: item.reason, jobId });
    }
  })();
}

/**
 * Records the batch before its files get their final names, then marks its payslips
 * printed: a crash in between leaves a batch the next run settles (`settlePrintBatches`),
 * never one nobody knows of or one whose payslips are printed twice.
 */
async function finishPrintBatch(db: Session['db'], jobId: number, batch: PrintBatch, printed: ReadonlyArray<{ item: SendItem; sent: { fingerprint: string; status: PayRunStatus } }>): Promise<void> {
  let batchId: number | null = null;
  await batch.finish((written) => {
    batchId = recordFinishingBatch(
      db,
      { jobId, pdfPath: written.pdfPath!, manifestPath: written.manifestPath!, payslips: written.count, pages: written.pages, blankPages: written.blankPages, at: new Date().toISOString() },
      printed.map(({ item, sent }) => ({ itemId: item.id, fingerprint: sent.fingerprint, status: sent.status })),
    );
  });
  if (batchId !== null) completePrintBatch(db, batchId, new Date().toISOString());
}

/** The batch's files are in place: its payslips are printed, and delivered as what was printed. */
function completePrintBatch(db: Session['db'], batchId: number, at: string): void {
  db.transaction(() => {
    for (const item of listBatchItems(db, batchId)) {
      markPrinted(db, item.id, at);
      markPayslipDelivered(db, item.payslipId, at, { fingerprint: item.fingerprint, status: item.sentStatus });
    }
    setPrintBatchState(db, batchId, 'complete', at);
  })();
}

/** Batches an earlier run of the job left half recorded: complete on disk, or to print again. */
function settlePrintBatches(db: Session['db'], jobId: number, at: string): void {
  for (const batch of listPrintBatches(db, jobId, ['finishing'])) {
    if (existsSync(batch.pdfPath) && existsSync(batch.manifestPath)) {
      completePrintBatch(db, batch.id, at);
    } else {
      // Never renamed: whatever is left of it is a `.partial`, which is never to be printed.
      for (const path of [batch.pdfPath, batch.manifestPath]) rmSync(`${path}.partial`, { force: true });
      setPrintBatchState(db, batch.id, 'abandoned', at);
    }
  }
}

const printBatchFile = (batch: PrintBatchRecord): PrintBatchFile => ({
  pdfPath: batch.pdfPath,
  manifestPath: batch.manifestPath,
  payslips: batch.payslips,
  pages: batch.pages,
  blankPages: batch.blankPages,
});

/** The job's failed payslips, with the reason the log gives. */
function failedInJob(db: Session['db'], jobId: number): UnresolvedPayslip[] {
  const unresolved: UnresolvedPayslip[] = [];
  for (const row of listJobItemRowsIn(db, jobId, 'failed')) {
    unresolved.push({
      employeeNumber: row.employeeNumber,
      name: row.employeeName,
      payRun: row.payRun,
      code: row.errorCode ?? row.reason,
      message: storedErrorText(row) ?? failureMessage(row.reason, row),
      personnummerEntered: row.personnummer === null ? row.personnummerInput : null,
      personnummerReason: row.personnummerReason,
      local: row.errorCode === null,
      jobId,
    });
  }
  return unresolved;
}

type OpenedJob =
  | { status: 'open'; jobId: number; resumed: boolean; failedBefore: UnresolvedPayslip[]; changedNotSent: number; payoutDate: IsoDate | null }
  | { status: 'nothing_to_send'; failedBefore: UnresolvedPayslip[]; changedNotSent: number; payoutDate: IsoDate | null }
  | { status: 'declined'; changedNotSent: number; payoutDate: IsoDate | null };

/**
 * Works out the selection (with a fresh mailbox match), asks for confirmation, and
 * creates the job or takes up the unfinished one. Only the job's items and the totals are
 * held (`planSend`), and kept apart from the delivery loop so they are garbage before it
 * starts: from here on the job's items in SQLite are the plan.
 *
 * No job is made when there is nothing to do: every payslip skipped, or failed before for
 * data that has not changed. A daily cron run then adds nothing to the log until the
 * payroll system has corrected something.
 */
async function openJob(
  ctx: Context,
  session: Session,
  company: Company,
  request: SendRequest,
  hooks: SendHooks,
  connection: Awaited<ReturnType<typeof connectKivra>>,
): Promise<OpenedJob> {
  const { db } = session;
  const today = localToday(ctx.now());
  const draft = mailboxQuestion(db, company, request.selection, today);
  if (draft === null) return { status: 'nothing_to_send', failedBefore: [], changedNotSent: 0, payoutDate: null };

  // The stored selection names the resolved date, so `latest` and `today` resume the same job.
  const selectionKey: Record<string, unknown> = {
    payoutDate: draft.payoutDate,
    status: request.selection.status,
    employees: request.selection.employees,
    resend: request.selection.resend,
    // Only when set, so that a job from before --changed existed is still found.
    ...(request.selection.changed ? { changed: true } : {}),
  };
  const match = await matchMailboxes(ctx, db, company, connection, draft.candidates);
  const { selection, entries } = planSend(db, company, request.selection, today, { mailboxes: match.answers, isTestPersonnummer: request.isTestPersonnummer }, (i) =>
    i.failedBefore === null ? plannedItem(i) : unresolvedOf(i),
  );
  const failedBefore = entries.filter((e): e is UnresolvedPayslip => !('payslipId' in e));
  const planned = entries.filter((e): e is PlannedItem => 'payslipId' in e);
  const summary = { failedBefore, changedNotSent: selection.changedSinceDelivery, payoutDate: selection.payoutDate };

  const unfinished = findUnfinishedJob(db, company.id, selectionKey);
  const somethingToDo = planned.some((i) => i.channel !== 'skip');
  if (!unfinished && !somethingToDo) return { status: 'nothing_to_send', ...summary };
  if (!(await hooks.confirm(selection))) return { status: 'declined', changedNotSent: summary.changedNotSent, payoutDate: summary.payoutDate };
  let jobId: number;
  if (unfinished) {
    jobId = unfinished.id;
    markJobRunning(db, jobId);
    // Items not yet started follow the fresh mailbox answers and what was delivered
    // meanwhile; started ones keep their bytes.
    const plans = new Map(planned.map((i) => [i.payslipId, i]));
    db.transaction(() => {
      for (const item of listItems(db, jobId, ['pending'])) {
        const plan = plans.get(item.payslipId);
        if (plan) replanItem(db, item.id, plan);
      }
      adoptUnknownOutcomes(db, jobId, ctx.now().toISOString());
    })();
  } else {
    jobId = db
      .transaction(() => {
        const id = createJob(db, { companyId: company.id, operator: session.operator, selection: selectionKey, at: ctx.now().toISOString() });
        insertItems(db, id, planned);
        adoptUnknownOutcomes(db, id, ctx.now().toISOString());
        recordAudit(db, { at: ctx.now().toISOString(), operator: session.operator, companyId: company.id, action: 'send.start', details: { job: id, selection: selectionKey, planned: selection.totals } });
        return id;
      })
      .immediate();
  }
  return { status: 'open', jobId, resumed: Boolean(unfinished), ...summary };
}

function plannedItem(i: PlannedPayslip<SelectedEmployee>): PlannedItem {
  const { channel, reason, warning, note } = i.decision;
  return { payslipId: i.payslipId, channel, reason, warning, note, replacesDeliveredAt: i.replacesDeliveredAt };
}

function unresolvedOf(i: PlannedPayslip<SelectedEmployee>): UnresolvedPayslip {
  return {
    employeeNumber: i.employee.employeeNumber,
    name: `${i.employee.firstName} ${i.employee.lastName}`,
    payRun: i.payRun.key,
    code: i.decision.reason,
    message: failureMessage(i.decision.reason, i.employee),
    personnummerEntered: i.employee.personnummer === null ? i.employee.personnummerInput : null,
    personnummerReason: i.employee.personnummerReason,
    local: true,
    jobId: i.failedBefore?.jobId ?? null,
  };
}

const DOCUMENTS_PER_LOAD = 100;

/** The reasons of payslips that go out, where the mailbox decides how. */
const MAILBOX_DECIDES: ReadonlySet<ChannelReason> = new Set(['has_mailbox', 'print_no_mailbox', 'retain_no_mailbox', 'no_mailbox']);

/**
 * Looks the selection up once without Kivra, to know whose mailboxes to ask about; null
 * when there is nothing to send. The payslips are planned a chunk of employees at a time
 * and only the personnummer are kept: the draft is never a selection of every employee
 * of a large employer, alive beside the real one.
 */
function mailboxQuestion(db: Session['db'], company: Company, options: SelectionOptions, today: IsoDate): { payoutDate: IsoDate; candidates: Set<string> } | null {
  const draft = planPayslips(db, company, options, today, {}, (employee) => employee);
  if (draft.payoutDate === null) return null;
  let any = false;
  const candidates = new Set<string>();
  for (const item of draft.items) {
    any = true;
    // Whoever is to get this payslip, whatever the register last knew of their mailbox:
    // one who had none may have opened one since, and the other way round.
    if (MAILBOX_DECIDES.has(item.decision.reason)) candidates.add(item.employee.personnummer!);
  }
  return any ? { payoutDate: draft.payoutDate, candidates } : null;
}

/** Builds the documents to render for items, loading payslips with their lines. */
function documentLoader(db: Session['db'], company: Company): (items: SendItem[]) => PayslipDocument[] {
  const payRuns = new Map(listPayRuns(db, company.id).map((r) => [r.id, r]));
  return (items) => {
    const payslips = loadPayslips(db, items.map((i) => i.payslipId));
    const employees = getEmployeesByIds(db, [...payslips.values()].map((p) => p.employeeId));
    return items.map((item) => {
      const payslip = payslips.get(item.payslipId)!;
      const replaces = item.replacesDeliveredAt === null ? null : { deliveredAt: item.replacesDeliveredAt };
      return { company, employee: employees.get(payslip.employeeId)!, payRun: payRuns.get(payslip.payRunId)!, payslip, replaces };
    });
  };
}

/** 0 all went well; 3 a payslip of the selection remains failed (in this job or from before); 4 declined or refused; 5 aborted; 130 interrupted. */
export function exitCodeFor(result: SendResult): ExitCode {
  switch (result.status) {
    case 'declined':
      return 4;
    case 'aborted':
      return result.abort?.exitCode ?? 5;
    case 'interrupted':
      return 130;
    case 'failed':
      return 3;
    default:
      return result.unresolved.length > 0 ? 3 : 0;
  }
}
