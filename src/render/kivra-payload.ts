/**
 * The exact bytes of one `POST /v2/tenant/{tenantKey}/content` (docs/kivra-api.md §4).
 *
 * Kivra's duplicate control treats a resend as a duplicate only when the body is identical
 * apart from `generated_at` (docs/kivra-api.md §4.6). Keys are therefore written in a fixed order, the
 * PDF is passed in (never re-rendered here), and the only time-dependent input is
 * `generatedAt`, which also becomes the salaryslip's `creation_timestamp`: a retry must pass
 * the same value (or reuse the stored bytes) to be recognised.
 */
import { createHash } from 'node:crypto';
import type { ContentType, PayslipDocument } from '../domain/types.js';
import { assertUnreachable } from '../errors.js';
import { PayloadTooLargeError, PersonnummerRequiredError } from './errors.js';
import { periodMonth } from './format.js';
import { buildSalarySlip, toKivraTimestamp, type KivraSalarySlip } from './salaryslip.js';

// Callers catch these around buildContentPayload; importing them from here is natural.
export { PayloadTooLargeError, PersonnummerRequiredError } from './errors.js';

/**
 * "1 MB per content, counting the whole JSON object" (docs/kivra-api.md §6). Whether Kivra means 10^6 or
 * 2^20 bytes is undocumented, so we hold ourselves to the smaller.
 */
export const KIVRA_CONTENT_LIMIT_BYTES = 1_000_000;

/** What `salaryslip.document_metadata.source_system` names: this tool. */
export const SOURCE_SYSTEM = 'payslips';

export interface BuildContentPayloadOptions {
  /** ISO 8601 date-time, passed in so building stays free of the clock. */
  generatedAt: string;
  /** Name of the payroll system, for `salaryslip.document_metadata.source_system`. */
  sourceSystem: string;
}

export interface ContentPayload {
  /** The request body, byte for byte. */
  json: Buffer;
  sha256: string;
  sizeBytes: number;
  /** Fallbacks used in the salaryslip object, for the operator's attention. */
  warnings: string[];
}

interface ContentBody {
  ssn: string;
  subject: string;
  type: ContentType;
  generated_at: string;
  retain?: true;
  retention_time?: '30' | '390';
  parts: Array<{ name: string; data: string; content_type: 'application/pdf' }>;
  salaryslip?: KivraSalarySlip;
}

function isPreliminary(doc: PayslipDocument): boolean {
  return doc.payRun.status === 'preliminary';
}

/** Shown in the inbox: short, and free of personal data (docs/kivra-api.md §4.1). */
export function contentSubject(doc: PayslipDocument): string {
  const month = periodMonth(doc.payRun.periodStart);
  return isPreliminary(doc) ? `Preliminär lönespecifikation ${month}` : `Lönespecifikation ${month}`;
}

/** The PDF's file name in Kivra and on disk: ASCII only, no personal data. */
export function payslipFileName(doc: PayslipDocument): string {
  const month = periodMonth(doc.payRun.periodStart);
  return isPreliminary(doc) ? `preliminar-lonespecifikation-${month}.pdf` : `lonespecifikation-${month}.pdf`;
}

function retention(doc: PayslipDocument): Pick<ContentBody, 'retain' | 'retention_time'> {
  const days = doc.company.settings.retentionDays;
  switch (days) {
    case 0:
      return {};
    case 30:
      return { retain: true, retention_time: '30' };
    case 390:
      return { retain: true, retention_time: '390' };
    default:
      return assertUnreachable(days);
  }
}

function recipientSsn(doc: PayslipDocument): string {
  const { personnummer, personnummerProblem, employeeNumber } = doc.employee;
  if (personnummer === null) {
    throw new PersonnummerRequiredError(personnummerProblem === 'invalid' ? 'invalid_personnummer' : 'missing_personnummer', employeeNumber);
  }
  if (!/^\d{12}$/.test(personnummer)) throw new PersonnummerRequiredError('invalid_personnummer', employeeNumber);
  return personnummer;
}

/**
 * Builds the content request for one payslip. Throws `PersonnummerRequiredError` without a
 * valid personnummer and `PayloadTooLargeError` when the body is over Kivra's limit, so
 * neither is ever sent.
 */
export function buildContentPayload(doc: PayslipDocument, pdf: Uint8Array, options: BuildContentPayloadOptions): ContentPayload {
  const ssn = recipientSsn(doc);
  const generatedAt = toKivraTimestamp(options.generatedAt);
  const type = doc.company.settings.contentType;
  let warnings: string[] = [];
  let salaryslip: KivraSalarySlip | undefined;
  switch (type) {
    case 'salaryslip': {
      const built = buildSalarySlip(doc, { creationTimestamp: generatedAt, sourceSystem: options.sourceSystem });
      salaryslip = built.salaryslip;
      warnings = built.warnings;
      break;
    }
    case 'letter.salary':
      break;
    default:
      assertUnreachable(type);
  }

  // Literal construction order is the key order in the JSON; keep it stable.
  const body: ContentBody = {
    ssn,
    subject: contentSubject(doc),
    type,
    generated_at: generatedAt,
    ...retention(doc),
    parts: [{ name: payslipFileName(doc), data: Buffer.from(pdf).toString('base64'), content_type: 'application/pdf' }],
    ...(salaryslip ? { salaryslip } : {}),
  };
  const json = Buffer.from(JSON.stringify(body), 'utf8');
  if (json.length > KIVRA_CONTENT_LIMIT_BYTES) throw new PayloadTooLargeError(json.length, KIVRA_CONTENT_LIMIT_BYTES);
  return { json, sha256: createHash('sha256').update(json).digest('hex'), sizeBytes: json.length, warnings };
}
