import { PDFDocument } from 'pdf-lib';
import type { ContentType, RetentionDays } from '../../../src/domain/types.js';
import { buildContentPayload } from '../../../src/render/kivra-payload.js';
import { company, document, employee } from '../../render/documents.js';

/**
 * Real content bodies, built by the same code `send` uses (src/render/kivra-payload.ts),
 * around a small but real PDF: the contract tests check what payslips actually sends.
 */

export const MAILBOX_SSN = '191212121212';
export const NO_MAILBOX_SSN = '197701032380';

let pdf: Uint8Array | undefined;

/** One blank A4 page; rendering a whole payslip is the render tests' business. */
export async function smallPdf(): Promise<Uint8Array> {
  if (!pdf) {
    const doc = await PDFDocument.create();
    doc.addPage([595.28, 841.89]);
    pdf = await doc.save();
  }
  return pdf;
}

export interface PayloadChoice {
  contentType: ContentType;
  retentionDays: RetentionDays;
  ssn?: string;
}

export async function payslipPayload(choice: PayloadChoice): Promise<Buffer> {
  const base = company();
  const doc = document({
    company: company({ settings: { ...base.settings, contentType: choice.contentType, retentionDays: choice.retentionDays } }),
    employee: employee({ personnummer: choice.ssn ?? MAILBOX_SSN }),
  });
  return buildContentPayload(doc, await smallPdf(), { sourceSystem: 'payslips contract test' }).json;
}

/** Every variant payslips can send: both content types, with and without retain. */
export const PAYLOAD_VARIANTS: PayloadChoice[] = [
  { contentType: 'salaryslip', retentionDays: 390 },
  { contentType: 'salaryslip', retentionDays: 0 },
  { contentType: 'letter.salary', retentionDays: 30 },
  { contentType: 'letter.salary', retentionDays: 0 },
];
