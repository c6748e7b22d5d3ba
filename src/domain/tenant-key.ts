/**
 * Kivra's tenant keys (avsändaridentitet): 42 characters, a 10-digit unix time followed by
 * 32 lowercase hex, the shape of every key Kivra has published (docs/kivra-api.md §7.3).
 * A key of another form cannot name a tenant, so it is refused where it is typed rather
 * than answered by Kivra with a 404 at month-end.
 */

const TENANT_KEY = /^\d{10}[0-9a-f]{32}$/;

/** What a refused key is told, after the option or prompt that gave it. */
export const TENANT_KEY_FORM = 'a tenant key is 42 characters: 10 digits and 32 lowercase hex characters, as Kivra gave it';

export function isTenantKey(value: string): boolean {
  return TENANT_KEY.test(value);
}

/** A tenant key as far as it has been typed: on its way, complete, or already wrong (and why). */
export type TenantKeyDraft =
  | { state: 'empty' }
  | { state: 'typing'; length: number }
  | { state: 'complete' }
  | { state: 'wrong'; problem: 'time_digits' | 'uppercase' | 'hex' | 'too_long' };

/**
 * Judges a key while it is typed, so the wizard can say at once what is wrong rather than
 * after Enter: the first wrong character decides. Surrounding spaces are trimmed, as on save.
 */
export function tenantKeyDraft(typed: string): TenantKeyDraft {
  const value = typed.trim();
  if (value === '') return { state: 'empty' };
  if (!/^\d*$/.test(value.slice(0, 10))) return { state: 'wrong', problem: 'time_digits' };
  const rest = value.slice(10);
  if (!/^[0-9a-f]*$/.test(rest)) return { state: 'wrong', problem: /^[0-9a-fA-F]*$/.test(rest) ? 'uppercase' : 'hex' };
  if (value.length > 42) return { state: 'wrong', problem: 'too_long' };
  return value.length === 42 ? { state: 'complete' } : { state: 'typing', length: value.length };
}
