import { documentFingerprint } from '../domain/delivery.js';
import type { PayRunStatus, PayslipDocument } from '../domain/types.js';
import type { ExitError } from '../errors.js';
import { KivraApiError } from '../kivra/api-error.js';
import type { KivraClient } from '../kivra/client.js';
import type { RenderPool } from '../render/render-pool.js';
import type { Db } from '../store/database.js';
import { markPayslipDelivered } from '../store/payroll.js';
import { addAttempts, finishItem, markSending, type SendItem } from '../store/send-jobs.js';
import { judgeKivraFailure } from './kivra-failure.js';
import type { Slots } from './slots.js';

/** Why a job stops taking items, as the command reports it (exit 4 or 5; see kivra-failure.ts). */
interface DeliveryContext {
  db: Db;
  client: KivraClient;
  tenantKey: string;
  pool: RenderPool;
  /** Requests to Kivra in flight at once (`--concurrency`); rendering is not limited by it. */
  posting: Slots;
  /** True once the job stops taking items (Ctrl+C, or Kivra gone): nothing more is posted. */
  stopping(): boolean;
  /**
   * Stops the job for a reason that is not about one payslip. Called while the posting
   * slot is still held, so the request waiting for that slot already sees `stopping()`.
   */
  stop(error: ExitError): void;
  sourceSystem: string;
  now(): string;
}

/**
 * Kivra's answers that mean this recipient cannot receive from us now (no mailbox any
 * more, or never accepted us as a sender): not a fault of the payslip, so it is re-planned
 * without a mailbox rather than failed (docs/kivra-api.md §5.2).
 */
const RECIPIENT_UNAVAILABLE = new Set(['40105', '40032']);

export type DeliveryOutcome = 'delivered' | 'retained' | 'failed' | 'pending' | { unavailable: { code: string; message: string } };

/** The fingerprint and status of a document as rendered now. */
export function sentDocument(doc: PayslipDocument): { fingerprint: string; status: PayRunStatus } {
  const { payslip, payRun, company, employee } = doc;
  return { fingerprint: documentFingerprint({ contentHash: payslip.contentHash, payRun, company, employee }), status: payRun.status };
}

/**
 * Delivers one kivra- or retain-channel item, exactly once:
 * 1. render and build the payload (unless a previous run left its bytes: then those),
 * 2. wait for a posting slot, then persist the bytes, with what document they are, with
 *    state `sending` before anything is posted,
 * 3. post; record delivered/retained with the content key and the document that was
 *    sent, or failed with Kivra's code.
 * When the answer is lost, the item stays `sending` with its bytes, and the next run
 * posts the identical payload, which Kivra's duplicate control recognises. An item whose
 * job stops while it waits for a slot stays `pending`, as if never taken.
 */
export async function deliverItem(ctx: DeliveryContext, item: SendItem, doc: PayslipDocument): Promise<DeliveryOutcome> {
  let body: Uint8Array;
  let persist: { sha256: string } | null = null;
  let sent: { fingerprint: string; status: PayRunStatus };
  if (item.state === 'sending' && item.payload) {
    body = item.payload;
    // Bytes stored by a version that did not record their document: the best knowledge is the payslip now.
    sent = item.fingerprint && item.sentStatus ? { fingerprint: item.fingerprint, status: item.sentStatus } : sentDocument(doc);
  } else {
    const rendered = await ctx.pool.run({ kind: 'payload', doc, templateDir: doc.company.settings.templateDir, sourceSystem: ctx.sourceSystem });
    if (!rendered.ok) {
      finishItem(ctx.db, item.id, { state: 'failed', at: ctx.now(), errorCode: rendered.code, errorMessage: rendered.message });
      return 'failed';
    }
    if (rendered.kind !== 'payload') throw new Error('render pool answered a payload task with a print result');
    body = rendered.json;
    persist = { sha256: rendered.sha256 };
    sent = sentDocument(doc);
  }

  const release = await ctx.posting.acquire();
  try {
    if (ctx.stopping()) return 'pending';
    if (persist) markSending(ctx.db, item.id, Buffer.from(body.buffer, body.byteOffset, body.byteLength), persist.sha256, sent);
    return await post(ctx, item, body, sent);
  } finally {
    release();
  }
}

async function post(ctx: DeliveryContext, item: SendItem, body: Uint8Array, sent: { fingerprint: string; status: PayRunStatus }): Promise<DeliveryOutcome> {
  try {
    const result = await ctx.client.sendContent(ctx.tenantKey, body);
    const state = result.retained ? 'retained' : 'delivered';
    const at = ctx.now();
    ctx.db
      .transaction(() => {
        finishItem(ctx.db, item.id, { state, at, kivraContentKey: result.contentKey, correlationId: result.correlationId, attempts: result.attempts });
        markPayslipDelivered(ctx.db, item.payslipId, at, sent);
      })
      .immediate();
    return state;
  } catch (error) {
    if (!(error instanceof KivraApiError)) throw error;
    const verdict = judgeKivraFailure(error, 'content', ctx.tenantKey);
    // A failed item counts its attempts in the write that finishes it; the others here.
    if (verdict.scope === 'run' || RECIPIENT_UNAVAILABLE.has(verdict.errorCode)) addAttempts(ctx.db, item.id, error.attempts);
    if (verdict.scope === 'run') {
      // Not about this payslip (Kivra away, credentials refused, a tenant key Kivra does not
      // know): stop the job rather than fail every payslip left. The bytes stay persisted
      // with state `sending`, and a re-run posts them again.
      ctx.stop(verdict.error);
      return 'pending';
    }
    if (RECIPIENT_UNAVAILABLE.has(verdict.errorCode)) return { unavailable: { code: verdict.errorCode, message: verdict.errorMessage } };
    finishItem(ctx.db, item.id, {
      state: 'failed',
      at: ctx.now(),
      errorCode: verdict.errorCode,
      errorMessage: verdict.errorMessage,
      correlationId: error.correlationId,
      attempts: error.attempts,
    });
    return 'failed';
  }
}
