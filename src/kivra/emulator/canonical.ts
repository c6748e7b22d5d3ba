import { createHash } from 'node:crypto';

/**
 * Kivra's duplicate control compares "the complete payload (beside `generated_at`)"
 * (docs/kivra-api.md §4.6). Comparing parsed JSON with sorted keys, rather than raw bytes, is the
 * tolerant reading: whitespace or key order alone never makes a second delivery.
 */
export function dedupeHash(tenantKey: string, content: Record<string, unknown>): string {
  const { generated_at: _ignored, ...rest } = content;
  return createHash('sha256').update(tenantKey).update('\n').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
