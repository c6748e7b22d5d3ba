import { kivraError, type EmulatorError } from './errors.js';

type JsonBody = { ok: true; value: Record<string, unknown> } | { ok: false; error: EmulatorError };

/** A body that must be one JSON object: 40008 when it is not JSON, 40026 when not an object. */
export function parseJsonBody(body: Buffer): JsonBody {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return { ok: false, error: kivraError('40008') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, error: kivraError('40026') };
  return { ok: true, value: value as Record<string, unknown> };
}
