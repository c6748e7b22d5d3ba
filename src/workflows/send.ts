import { hostname } from 'node:os';
import type { Context } from '../context.js';
import type { Channel, ChannelReason, ChannelWarning } from '../domain/channel.js';
import { sendBlockers } from '../domain/settings.js';
import type { SelectionOptions } from '../domain/selection.js';
import type { Company, IsoDate, PayslipDocument } from '../domain/types.js';
import { RefusedError, type ExitCode } from '../errors.js';
import { collectGarbage } from '../heap.js';
import { SOURCE_SYSTEM } from '../render/kivra-payload.js';
import { createPrintBatch, type PrintBatch } from '../render/print-batch.js';
import { createRenderPool } from '../render/render-pool.js';
import { recordAudit } from '../store/audit.js';
import { findCredentials } from '../store/credentials.js';
import { getEmployeesByIds } from '../store/employees.js';
import { listPayRuns, loadPayslips, markPayslipDelivered } from '../store/payroll.js';
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
  listItemIds,
  listItems,
  markJobRunning,
  replanItem,
  type JobStatus,
  type Outcome,
  type SendItem,
} from '../store/send-jobs.js';
import type { Session } from './session.js';
import { connectKivra } from './kivra-connection.js';
import { matchMailboxes } from './match-mailboxes.js';
import { isProcessAlive } from './process-alive.js';
import { itemOutcome, type ItemOutcome } from './job-log.js';
import { collectSelection, localToday, type Selection } from './selection.js';
import { deliverItem, DeliveryAborted } from './send-items.js';
import { createSlots } from './slots.js';

export interface SendRequest {
  selection: SelectionOptions;
  concurrency: number;
  printDir: string;
}

export interface SendHooks {
  /** Shows the plan and asks; false means the operator declined (nothing is sent). */
  confirm(selection: Selection): Promise<boolean>;
  started(jobId: number, resumed: boolean, toDo: number): void;
  progress(done: number, total: number): void;
}

export interface SendResult {
  jobId: number | null;
  resumed: boolean;
  status: Exclude<JobStatus, 'running'> | 'nothing_to_send' | 'declined';
  totals: Record<Outcome, number>;
  printBatch: { pdfPath: string; manifestPath: string; count: number } | null;
  /** Why the job stopped early: exit 4 (a setting Kivra refused) or 5 (Kivra away or credentials refused). */
  abort: { code: string; message: string; suggestion: string | undefined; exitCode: ExitCode } | null;
  /**
   * Every payslip of the job with its outcome so far (a resumed job: all of them), read
   * from the database on demand: a large employer's job has tens of thousands, which
   * need not all be in memory at once. Valid while the session's database is open.
   */
  items: () => Iterable<ItemOutcome>;
}

/** A lock whose holder has not shown life for this long is taken over. */
const LOCK_STALE_MS = 2 * 60_000;
const HEARTBEAT_MS = 15_000;

/**
 * `send`, from preconditions to the job's last item. Every payslip's state is written to
 * SQLite as it moves, so an interrupted or aborted run loses nothing and a re-run of the
 * same selection continues the same job.
 */
export async function runSend(ctx: Context, session: Session, company: Company, request: SendRequest, hooks: SendHooks): Promise<SendResult> {
  assertCanSend(ctx, company);
  const { db } = session;
  const lock = acquireSendLock(db, company.id, {
    pid: process.pid,
    hostname: hostname(),
    at: ctx.now(),
    staleAfterMs: LOCK_STALE_MS,
    isAlive: (holder) => holder.hostname !== hostname() || isProcessAlive(holder.pid),
  });
  if (!lock.acquired) {
    throw new RefusedError('send_running', `Another send for ${company.name} is running (pid ${lock.holder.pid} on ${lock.holder.hostname}${lock.holder.jobId ? `, job ${lock.holder.jobId}` : ''}, since ${lock.holder.acquiredAt}).`, {
      suggestion: 'Wait for it to finish; payslips log shows its progress.',
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
    throw new RefusedError(first.code, `${company.name} cannot send: ${blockers.map((b) => b.message).join('; ')}.`, {
      details: blockers.map((b) => `${b.message}: ${b.fix}`),
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
    return { jobId: null, resumed: false, status: opened.status, totals: { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0 }, printBatch: null, abort: null, items: () => [] };
  }
  // The plan is in SQLite now; what building it left behind goes before the posts begin.
  collectGarbage();
  const { jobId, resumed } = opened;
  setLockJob(db, company.id, process.pid, jobId);

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
  const printed: SendItem[] = [];
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
    generatedAt: ctx.now().toISOString(),
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
      if (done % PAYSLIPS_PER_COLLECTION === 0) collectGarbage();
    }
  };
  const processItem = async (item: SendItem, doc: PayslipDocument): Promise<void> => {
    switch (item.channel) {
      case 'skip':
        finishItem(db, item.id, { state: 'skipped', at: now() });
        return;
      case 'fail':
        finishItem(db, item.id, { state: 'failed', at: now() });
        return;
      case 'print': {
        const rendered = await pool.run({ kind: 'print', doc, templateDir: company.settings.templateDir });
        if (!rendered.ok || rendered.kind !== 'print') {
          finishItem(db, item.id, { state: 'failed', at: now(), errorCode: rendered.ok ? 'render_failed' : rendered.code, errorMessage: rendered.ok ? 'unexpected render result' : rendered.message });
          return;
        }
        await (await openBatch()).add(doc, rendered.pdf);
        printed.push(item);
        return;
      }
      case 'kivra':
      case 'retain':
        try {
          await deliverItem(delivery, item, doc);
        } catch (error) {
          if (!(error instanceof DeliveryAborted)) throw error;
          abort ??= { code: error.error.code, message: error.error.message, suggestion: error.error.suggestion, exitCode: error.error.exitCode };
        }
        return;
    }
  };
  // More payslips in hand than requests in flight: while `--concurrency` posts wait on
  // Kivra, the render threads already make the next payloads (two each, so a thread never
  // waits for work). Rendering only behind a free posting slot left the workers a fifth
  // idle in the benchmark's profile, while the posts waited on the network.
  const renderAhead = 2 * Math.max(1, pool.threads);
  await Promise.all(Array.from({ length: Math.max(1, request.concurrency) + renderAhead }, worker));

  // Whatever made it into the batch is written and recorded, even after Ctrl+C or an abort.
  let batch: SendResult['printBatch'] = null;
  if (printBatch.current && printed.length > 0) {
    const written = await (await printBatch.current).finish();
    batch = { pdfPath: written.pdfPath!, manifestPath: written.manifestPath!, count: written.count };
    const at = now();
    db.transaction(() => {
      for (const item of printed) {
        finishItem(db, item.id, { state: 'printed', at });
        markPayslipDelivered(db, item.payslipId, at);
      }
    })();
  }
  const { pending, sending, ...totals } = countOutcomes(db, jobId);
  const status: SendResult['status'] = abort ? 'aborted' : pending + sending > 0 || ctx.signal.aborted ? 'interrupted' : totals.failed > 0 ? 'failed' : 'succeeded';
  finishJob(db, jobId, { status, at: now(), totals, printBatchPath: batch?.pdfPath ?? null });
  recordAudit(db, { at: now(), operator: session.operator, companyId: company.id, action: 'send.finish', details: { job: jobId, status, totals } });
  const items = function* (): Iterable<ItemOutcome> {
    for (const row of iterateJobItemRows(db, jobId)) yield itemOutcome(row);
  };
  return { jobId, resumed, status, totals, printBatch: batch, abort, items };
}

type OpenedJob = { status: 'open'; jobId: number; resumed: boolean } | { status: 'nothing_to_send' | 'declined' };

/**
 * Works out the selection (with a fresh mailbox match), asks for confirmation, and
 * creates the job or takes up the unfinished one. Kept apart from the delivery loop so
 * the selections, with every employee of a large employer, are garbage before it starts:
 * from here on the job's items in SQLite are the plan.
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
  if (draft === null) return { status: 'nothing_to_send' };
  collectGarbage();

  // The stored selection names the resolved date, so `latest` and `today` resume the same job.
  const selectionKey = {
    payoutDate: draft.payoutDate,
    status: request.selection.status,
    employees: request.selection.employees,
    resend: request.selection.resend,
  };
  const match = await matchMailboxes(ctx, db, company, connection, draft.candidates);
  const selection = collectSelection(db, company, request.selection, today, match.answers);

  const unfinished = findUnfinishedJob(db, company.id, selectionKey);
  let jobId: number;
  if (unfinished) {
    if (!(await hooks.confirm(selection))) return { status: 'declined' };
    jobId = unfinished.id;
    markJobRunning(db, jobId);
    // Items not yet started follow the fresh mailbox answers; started ones keep their bytes.
    const plans = new Map(selection.items.map((i) => [i.payslipId, i.decision]));
    db.transaction(() => {
      for (const item of listItems(db, jobId, ['pending'])) {
        const plan = plans.get(item.payslipId);
        if (plan) replanItem(db, item.id, plan);
      }
      adoptUnknownOutcomes(db, jobId, ctx.now().toISOString());
    })();
  } else {
    if (!(await hooks.confirm(selection))) return { status: 'declined' };
    jobId = db
      .transaction(() => {
        const id = createJob(db, { companyId: company.id, operator: session.operator, selection: selectionKey, at: ctx.now().toISOString() });
        insertItems(db, id, plannedItems(selection));
        adoptUnknownOutcomes(db, id, ctx.now().toISOString());
        recordAudit(db, { at: ctx.now().toISOString(), operator: session.operator, companyId: company.id, action: 'send.start', details: { job: id, selection: selectionKey, planned: selection.totals } });
        return id;
      })
      .immediate();
  }
  return { status: 'open', jobId, resumed: Boolean(unfinished) };
}

const DOCUMENTS_PER_LOAD = 100;

/**
 * A full collection every so many payslips. Requests, answers and rendered payloads that
 * outlive a young-generation collection while their post is under way pile up in the old
 * generation (external memory with them) until V8's next full collection, which at
 * 50,000 payslips came after ~6,000 of them and took peak RSS from ~285 to 308 MB. One
 * costs ~20 ms: 0.5 s of a 4-minute send.
 */
const PAYSLIPS_PER_COLLECTION = 2_000;

/**
 * Looks the selection up once without Kivra, to know whose mailboxes to ask about; null
 * when there is nothing to send. Only the date and the personnummer are kept, so the
 * draft selection, with every employee of a large employer, is garbage before the real
 * one is made rather than alive beside it.
 */
function mailboxQuestion(db: Session['db'], company: Company, options: SelectionOptions, today: IsoDate): { payoutDate: IsoDate; candidates: Set<string> } | null {
  const draft = collectSelection(db, company, options, today);
  if (draft.payoutDate === null || draft.items.length === 0) return null;
  const candidates = new Set<string>();
  for (const item of draft.items) {
    if (item.decision.channel !== 'skip' && item.decision.channel !== 'fail') candidates.add(item.employee.personnummer!);
  }
  return { payoutDate: draft.payoutDate, candidates };
}

/** The job's items as the selection planned them, one at a time. */
function* plannedItems(selection: Selection): Iterable<{ payslipId: number; channel: Channel; reason: ChannelReason; warning?: ChannelWarning }> {
  for (const i of selection.items) yield { payslipId: i.payslipId, channel: i.decision.channel, reason: i.decision.reason, warning: i.decision.warning };
}

/** Builds the documents to render for items, loading payslips with their lines. */
function documentLoader(db: Session['db'], company: Company): (items: SendItem[]) => PayslipDocument[] {
  const payRuns = new Map(listPayRuns(db, company.id).map((r) => [r.id, r]));
  return (items) => {
    const payslips = loadPayslips(db, items.map((i) => i.payslipId));
    const employees = getEmployeesByIds(db, [...payslips.values()].map((p) => p.employeeId));
    return items.map((item) => {
      const payslip = payslips.get(item.payslipId)!;
      return { company, employee: employees.get(payslip.employeeId)!, payRun: payRuns.get(payslip.payRunId)!, payslip };
    });
  };
}

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
      return 0;
  }
}

