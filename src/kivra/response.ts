import type { IncomingHttpHeaders } from 'node:http';
import { catalogueEntry } from './catalogue.js';

/** Reading Kivra's answers tolerantly: docs/kivra-api.md §5.1 and §9.4 list what varies. */

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface ErrorDetails {
  code: string;
  shortMessage: string;
  longMessage: string;
}

/**
 * `{code, short_message, long_message}`, where `code` may be a number (the developer
 * docs) or a string (Kivra's error libraries); else the `x-error-code` header; else the
 * catalogue text for the code; else the HTTP status alone.
 */
export function readErrorDetails(status: number, headers: IncomingHttpHeaders, body: Buffer): ErrorDetails {
  const parsed = parseJsonObject(body);
  const bodyCode = parsed?.code;
  const code =
    typeof bodyCode === 'string' && /^\d{5}$/.test(bodyCode.trim())
      ? bodyCode.trim()
      : typeof bodyCode === 'number' && Number.isInteger(bodyCode)
        ? String(bodyCode)
        : (header(headers, 'x-error-code')?.trim() || `http_${status}`);
  const known = catalogueEntry(code);
  const shortMessage = textField(parsed?.short_message) ?? known?.short_message ?? `HTTP ${status}`;
  const longMessage = textField(parsed?.long_message) ?? known?.long_message ?? shortMessage;
  return { code, shortMessage, longMessage };
}

export function parseJsonObject(body: Buffer | string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function textField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
