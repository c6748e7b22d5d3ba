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
