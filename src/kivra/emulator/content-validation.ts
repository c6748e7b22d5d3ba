import { checkSalarySlip } from '../salaryslip-schema.js';
import { kivraError, type EmulatorError } from './errors.js';
import { RETAINABLE_TYPES, USER_CONTENT_TYPES } from './options.js';
import { isKivraSsn } from './ssn.js';

/**
 * The checks on a content object after it parsed as a JSON object, in the order of
 * docs/kivra-api.md §8.1: subject/type, recipient, SSN, retention time, retain allowed, parts,
 * salaryslip. The first failure is the answer, as a server that stops at the first
 * problem would give it.
 */

interface ValidContent {
  /** Null when the recipient is given by `email` or `vat_number`. */
  ssn: string | null;
  type: string;
  subject: string;
  retain: boolean;
  retentionDays: 30 | 390;
}

type ContentCheck = { ok: true; content: ValidContent } | { ok: false; error: EmulatorError };

const reject = (error: EmulatorError): ContentCheck => ({ ok: false, error });

export function checkContent(content: Record<string, unknown>): ContentCheck {
  const { subject, type } = content;
  if (typeof subject !== 'string' || subject.trim() === '') return reject(kivraError('40059', "'subject' is required and must be a non-empty string"));
  if (typeof type !== 'string' || type === '') return reject(kivraError('40059', "'type' is required and must be a string"));
  if (!USER_CONTENT_TYPES.has(type)) return reject(kivraError('40059', `'type' "${type}" is not a content type for persons`));
  if (content.generated_at !== undefined && typeof content.generated_at !== 'string') return reject(kivraError('40059', "'generated_at' must be a string"));

  const hasRecipient = ['ssn', 'email', 'vat_number'].some((field) => typeof content[field] === 'string' && content[field] !== '');
  if (!hasRecipient) return reject(kivraError('40024'));
  if (content.ssn !== undefined && !isKivraSsn(content.ssn)) return reject(kivraError('40009'));

  if (content.retain !== undefined && typeof content.retain !== 'boolean') return reject(kivraError('40059', "'retain' must be a boolean"));
  const retentionTime = content.retention_time ?? '30';
  if (retentionTime !== '30' && retentionTime !== '390') return reject(kivraError('40059', `'retention_time' must be "30" or "390"`));
  const retain = content.retain === true;
  if (retain && !RETAINABLE_TYPES.has(type)) return reject(kivraError('42221'));

  const partsProblem = checkParts(content.parts);
  if (partsProblem) return reject(partsProblem);

  if (type === 'salaryslip' && (content.salaryslip === null || typeof content.salaryslip !== 'object' || Array.isArray(content.salaryslip))) {
    return reject(kivraError('40059', "type 'salaryslip' requires a 'salaryslip' object"));
  }
  if (content.salaryslip !== undefined) {
    const check = checkSalarySlip(content.salaryslip);
    if (!check.valid) return reject(kivraError('40059', `salaryslip ${check.problems.slice(0, 5).join('; ')}`));
  }

  return {
    ok: true,
    content: {
      ssn: typeof content.ssn === 'string' ? content.ssn : null,
      type,
      subject,
      retain,
      retentionDays: retentionTime === '390' ? 390 : 30,
    },
  };
}

/** "Content in Kivra always contains a PDF file" (docs/kivra-api.md §6): at least one PDF part. */
function checkParts(parts: unknown): EmulatorError | undefined {
  if (!Array.isArray(parts) || parts.length === 0) return kivraError('40019', "'parts' must hold at least one PDF");
  for (const [index, part] of parts.entries()) {
    const where = `parts[${index}]`;
    if (part === null || typeof part !== 'object') return kivraError('40019', `${where} is not an object`);
    const { name, data, content_type: contentType, responsive_part: responsive } = part as Record<string, unknown>;
    if (typeof name !== 'string' || name === '') return kivraError('40019', `${where}.name is missing`);
    if (contentType !== 'application/pdf') return kivraError('40028', `${where}.content_type must be application/pdf`);
    const bytes = decodeBase64(data);
    if (!bytes) return kivraError('40019', `${where}.data is not base64`);
    if (!bytes.subarray(0, 5).equals(PDF_MAGIC)) return kivraError('40019', `${where}.data is not a PDF`);
    if (responsive !== undefined) {
      const html = responsive as Record<string, unknown> | null;
      if (html === null || typeof html !== 'object' || typeof html.name !== 'string') return kivraError('40019', `${where}.responsive_part is not a file`);
      if (html.content_type !== 'text/html') return kivraError('40028', `${where}.responsive_part.content_type must be text/html`);
      if (!decodeBase64(html.data)) return kivraError('40019', `${where}.responsive_part.data is not base64`);
    }
  }
  return undefined;
}

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * Strict base64: Node's decoder silently skips bad characters, Kivra's does not. Only the
 * alphabet, and `=` only as the last one or two characters. (Searching for a character
 * outside the alphabet is a third faster than matching the whole ~30 KB against it.)
 */
function decodeBase64(value: unknown): Buffer | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length % 4 !== 0) return undefined;
  if (NOT_BASE64.test(value)) return undefined;
  const padding = value.indexOf('=');
  if (padding !== -1 && (padding < value.length - 2 || value.charCodeAt(value.length - 1) !== 0x3d)) return undefined;
  return Buffer.from(value, 'base64');
}

const NOT_BASE64 = /[^A-Za-z0-9+/=]/;
