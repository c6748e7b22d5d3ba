/**
 * The tenant key of the `local` environment when the company has none configured:
 * Kivra's shape (docs/kivra-api.md §7.3), 10-digit unix time + 32 lowercase hex, and fixed, so the
 * emulator's state file keeps matching it from one run to the next.
 */
export const LOCAL_TENANT_KEY = '17356896000c4a1f5e9b7d3e2a8f6c1b5d9e3a7f20';
