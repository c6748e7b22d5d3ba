import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import type { Context } from '../context.js';
import type { ChannelDecision } from '../domain/channel.js';
import type { SelectionOptions } from '../domain/selection.js';
import type { Company, PayslipDocument } from '../domain/types.js';
import { ExitError, UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { failureMessage } from '../i18n/reasons.js';
import { PayloadTooLargeError, PayslipRenderError } from '../render/errors.js';
import { buildContentPayload, KIVRA_CONTENT_LIMIT_BYTES, payslipFileName, SOURCE_SYSTEM } from '../render/kivra-payload.js';
import type { PdfVariant } from '../render/payslip-pdf.js';
import { EmployerDetailsMissingError } from '../render/salaryslip.js';
import { renderPayslipFor } from '../render/render-tasks.js';
import type { Db } from '../store/database.js';
import { loadPayslips } from '../store/payroll.js';
import { collectSelection, localToday, type Selection } from './selection.js';

interface PreviewRequest {
  /** Employee number or personnummer, as typed. */
  employee: string;
  date: SelectionOptions['date'];
  status: SelectionOptions['status'];
  variant: PdfVariant;
}

/** What a send would do with the Kivra payload of this payslip. */
type PayloadCheck =
  | { ok: true; type: string; sizeBytes: number; limitBytes: number; warnings: string[] }
  | { ok: false; code: string; message: string };

export interface Preview {
  doc: PayslipDocument;
  variant: PdfVariant;
  pdf: Uint8Array;
  sha256: string;
  pages: number;
  /** Where `send` with the same date and status would put this payslip, and why. */
  plan: ChannelDecision;
  /** The name the PDF part carries in Kivra (no personal data). */
  kivraFileName: string;
  /** Kivra variant only; the print variant is never sent to Kivra. */
  payload: PayloadCheck | null;
}

/**
 * Renders one payslip exactly as `send` would: the same selection rules pick it, the same
 * documents are loaded, and the same function renders it (`renderPayslipFor`, which the
 * send's render pool calls too), so the bytes are the bytes Kivra or the printer gets.
 * For the Kivra variant it also builds the content payload, to report what a send would
 * refuse (no personnummer, over Kivra's size limit) before anyone tries.
 */
export async function collectPreview(ctx: Context, db: Db, company: Company, request: PreviewRequest): Promise<Preview> {
  const today = localToday(ctx.now());
  const words = t().select.preview;
  const statusText = t().common.payRunStatus[request.status];
  const base: SelectionOptions = { date: request.date, status: request.status, employees: null, resend: false, changed: false };
  const runs = collectSelection(db, company, base, today);
  if (runs.payoutDate === null) {
    throw new UsageError(t().select.noPayRun(request.status), { code: 'no_payslip', suggestion: words.noPayRunFix });
  }
  if (runs.payRuns.length === 0) {
    throw new UsageError(words.noPayRunOn(runs.payoutDate, statusText), { code: 'no_payslip', suggestion: words.noPayRunOnFix });
  }
  const noPayslip = (): UsageError =>
    new UsageError(words.noPayslip(request.employee, runs.payoutDate!, statusText), { code: 'no_payslip', suggestion: words.noPayslipFix });
  let selection: Selection;
  try {
    selection = collectSelection(db, company, { ...base, employees: [request.employee] }, today);
  } catch (error) {
    // The selection's own message speaks of --employees, which preview does not have.
    if (error instanceof UsageError && error.code === 'employee_not_selected') throw noPayslip();
    throw error;
  }
  const [item, ...others] = selection.items;
  if (!item) throw noPayslip();
  if (others.length > 0) {
    throw new UsageError(words.ambiguous(request.employee, selection.items.length, selection.payoutDate!, statusText), {
      code: 'ambiguous_payslip',
      details: selection.items.map((i) => words.ambiguousDetail(i.payRun.key, t().common.payRunStatus[i.payRun.status])),
    });
  }

  const payslip = loadPayslips(db, [item.payslipId]).get(item.payslipId);
  if (!payslip) throw new Error(`payslip ${item.payslipId} vanished while previewing`);
  // A payslip changed since its delivery is shown as the correction `send --changed` would send.
  const replaces = item.delivery.kind === 'changed' ? { deliveredAt: item.delivery.deliveredAt } : null;
  const doc: PayslipDocument = { company, employee: item.employee, payRun: item.payRun, payslip, replaces };
  const pdf = await renderPayslip(doc, company.settings.templateDir, request.variant);
  const pages = (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount();
  return {
    doc,
    variant: request.variant,
    pdf,
    sha256: createHash('sha256').update(pdf).digest('hex'),
    pages,
    plan: item.decision,
    kivraFileName: payslipFileName(doc),
    payload: request.variant === 'kivra' ? checkPayload(doc, pdf) : null,
  };
}

/**
 * A payslip that cannot be rendered (its texts need a glyph the template's font has
 * damaged, say) is a problem of the data or the template, not of the tool: exit 2, naming
 * the payslip and the reason, as `send` records it (`render_failed`) while it delivers the
 * others. An invalid template is already a usage error of its own.
 */
async function renderPayslip(doc: PayslipDocument, templateDir: string | null, variant: PdfVariant): Promise<Uint8Array> {
  try {
    return await renderPayslipFor(doc, templateDir, variant);
  } catch (error) {
    if (error instanceof ExitError) throw error;
    throw new UsageError(t().select.preview.cannotRender(doc.employee.employeeNumber, doc.payRun.key), {
      code: 'render_failed',
      details: [error instanceof Error ? error.message : String(error)],
      suggestion: t().select.preview.cannotRenderFix,
    });
  }
}

function checkPayload(doc: PayslipDocument, pdf: Uint8Array): PayloadCheck {
  try {
    const payload = buildContentPayload(doc, pdf, { sourceSystem: SOURCE_SYSTEM });
    return { ok: true, type: doc.company.settings.contentType, sizeBytes: payload.sizeBytes, limitBytes: KIVRA_CONTENT_LIMIT_BYTES, warnings: payload.warnings };
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return { ok: false, code: error.code, message: t().reasons.payloadTooLarge(String(error.sizeBytes), String(error.limitBytes)) };
    if (error instanceof PayslipRenderError && (error.code === 'missing_personnummer' || error.code === 'invalid_personnummer')) {
      return { ok: false, code: error.code, message: failureMessage(error.code, doc.employee) };
    }
    if (error instanceof PayslipRenderError) return { ok: false, code: error.code, message: error.message };
    if (error instanceof EmployerDetailsMissingError) return { ok: false, code: 'employer_details_missing', message: error.message };
    throw error;
  }
}
