import type { PayslipDocument } from '../domain/types.js';
import { buildContentPayload, PayloadTooLargeError } from './kivra-payload.js';
import { renderPayslipPdf, type PdfVariant } from './payslip-pdf.js';
import { loadTemplate, type Template } from './template.js';

/**
 * The CPU-heavy work of a send, as messages a worker thread can take: render a payslip
 * and wrap it as Kivra's JSON payload, or render the print variant for the batch.
 */
export type RenderTask =
  | { kind: 'payload'; doc: PayslipDocument; templateDir: string | null; sourceSystem: string }
  | { kind: 'print'; doc: PayslipDocument; templateDir: string | null };

export type RenderResult =
  | { ok: true; kind: 'payload'; json: Uint8Array; sha256: string; sizeBytes: number }
  | { ok: true; kind: 'print'; pdf: Uint8Array }
  | { ok: false; code: 'payload_too_large' | 'render_failed'; message: string };

const templates = new Map<string, Promise<Template>>();

/** Templates are read once per directory and process, not once per payslip. */
function template(dir: string | null): Promise<Template> {
  const key = dir ?? '';
  let cached = templates.get(key);
  if (!cached) {
    cached = loadTemplate(dir ?? undefined);
    templates.set(key, cached);
  }
  return cached;
}

/**
 * The one way a payslip PDF is made for sending or printing: `send` (through the render
 * pool) and `preview` both call this, so a preview has the bytes a send would have.
 */
export async function renderPayslipFor(doc: PayslipDocument, templateDir: string | null, variant: PdfVariant): Promise<Uint8Array> {
  return renderPayslipPdf(doc, await template(templateDir), { variant });
}

export async function performRenderTask(task: RenderTask): Promise<RenderResult> {
  try {
    if (task.kind === 'print') {
      return { ok: true, kind: 'print', pdf: await renderPayslipFor(task.doc, task.templateDir, 'print') };
    }
    const pdf = await renderPayslipFor(task.doc, task.templateDir, 'kivra');
    const payload = buildContentPayload(task.doc, pdf, { sourceSystem: task.sourceSystem });
    return { ok: true, kind: 'payload', json: new Uint8Array(payload.json.buffer, payload.json.byteOffset, payload.json.byteLength), sha256: payload.sha256, sizeBytes: payload.sizeBytes };
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return { ok: false, code: 'payload_too_large', message: error.message };
    return { ok: false, code: 'render_failed', message: error instanceof Error ? error.message : String(error) };
  }
}
