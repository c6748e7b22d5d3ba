/**
 * The exact bytes of one `POST /v2/tenant/{tenantKey}/content` (docs/kivra-api.md §4).
 *
 * The same payslip gives the same bytes, in any job and from any database: keys are
 * written in a fixed order, the PDF is passed in (never re-rendered here), and nothing
 * comes from the clock. `generated_at` (and the salaryslip's `creation_timestamp`) is taken
 * from the pay run (`documentTimestamp`), so a repeat is recognised by Kivra's duplicate
 * control (docs/kivra-api.md §4.6) and the inbox orders payslips by payout date.
 */
import { createHash } from 'node:crypto';
import type { ContentType, PayslipDocument } from '../domain/types.js';
import { assertUnreachable } from '../errors.js';
import { PayloadTooLargeError, PersonnummerRequiredError } from './errors.js';
import { buildSalarySlip, type KivraSalarySlip } from './salaryslip.js';
import { periodMonth } from '../domain/format.js';

// Callers catch these around buildContentPayload; importing them from here is natural.
export { PayloadTooLargeError, PersonnummerRequiredError } from './errors.js';

/**
 * "1 MB per content, counting the whole JSON object" (docs/kivra-api.md §6). Whether Kivra means 10^6 or
 * 2^20 bytes is undocumented, so we hold ourselves to the smaller.
 */
export const KIVRA_CONTENT_LIMIT_BYTES = 1_000_000;

/** What `salaryslip.document_metadata.source_system` names: this tool. */
export const SOURCE_SYSTEM = 'payslips';

interface BuildContentPayloadOptions {
  /** Name of the payroll system, for `salaryslip.document_metadata.source_system`. */
  sourceSystem: string;
}

interface ContentPayload {
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

/**
 * When the document counts as made: its payout date, at 06:00 UTC for a preliminary
 * payslip and 10:00 for a final one, an hour later for a correction. Kivra orders the inbox
 * by it, so an older period sent late sorts below newer ones, and the final payslip (and a
 * correction) above the one it follows.
 */
function documentTimestamp(doc: PayslipDocument): string {
  const hour = (isPreliminary(doc) ? 6 : 10) + (doc.replaces ? 1 : 0);
  return `${doc.payRun.payoutDate}T${String(hour).padStart(2, '0')}:00:00Z`;
}

/** Shown in the inbox: short, and free of personal data (docs/kivra-api.md §4.1). */
function contentSubject(doc: PayslipDocument): string {
  const month = periodMonth(doc.payRun.periodStart);
  const kind = isPreliminary(doc) ? 'preliminär lönespecifikation' : 'lönespecifikation';
  return doc.replaces ? `Rättad ${kind} ${month}` : `${kind.charAt(0).toUpperCase()}${kind.slice(1)} ${month}`;
}

/** The PDF's file name in Kivra and on disk: ASCII only, no personal data. */
export function payslipFileName(doc: PayslipDocument): string {
  const month = periodMonth(doc.payRun.periodStart);
  return `${doc.replaces ? 'rattad-' : ''}${isPreliminary(doc) ? 'preliminar-' : ''}lonespecifikation-${month}.pdf`;
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
  const generatedAt = documentTimestamp(doc);
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
    parts: [{ name: payslipFileName(doc), data: '', content_type: 'application/pdf' }],
    ...(salaryslip ? { salaryslip } : {}),
  };
  const json = withPdfData(JSON.stringify(body), pdf);
  if (json.length > KIVRA_CONTENT_LIMIT_BYTES) throw new PayloadTooLargeError(json.length, KIVRA_CONTENT_LIMIT_BYTES);
  return { json, sha256: createHash('sha256').update(json).digest('hex'), sizeBytes: json.length, warnings };
}

/**
 * The body's UTF-8 bytes with the PDF's base64 put into the part's empty `"data":""`: the
 * bytes JSON.stringify would give with the base64 in place (base64 has nothing JSON
 * escapes), without JSON.stringify scanning and re-encoding ~30 KB of it per payslip
 * (~50 µs, a few per cent of a send's CPU). The first `"data":""` is the part's: the keys
 * before `parts` are fixed, and a quote inside a string value is always escaped.
 */
function withPdfData(text: string, pdf: Uint8Array): Buffer {
  const marker = '"data":""';
  const at = text.indexOf(marker) + marker.length - 1;
  if (at < marker.length - 1) throw new Error('content body without a part to hold the PDF');
  const head = Buffer.from(text.slice(0, at), 'utf8');
  const tail = Buffer.from(text.slice(at), 'utf8');
  const data = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('base64');
  // Never a slice of Node's shared pool: the render worker hands this buffer's memory over
  // to the main thread (render-worker.ts), which must take this payload and nothing else.
  const json = Buffer.allocUnsafeSlow(head.length + data.length + tail.length);
  head.copy(json, 0);
  json.write(data, head.length, data.length, 'latin1');
  tail.copy(json, head.length + data.length);
  return json;
}
