/**
 * "50 contents per minute to the same recipient" (docs/kivra-api.md §6) as a sliding window per
 * (tenant, recipient). The answer says when the oldest request leaves the window.
 */
export interface RateLimiter {
  /** Null when allowed (and counted); else milliseconds until a slot frees up. */
  take(key: string): number | null;
}

const WINDOW_MS = 60_000;

export function createRateLimiter(limit: () => number, now: () => number): RateLimiter {
  const windows = new Map<string, number[]>();
  return {
    take(key) {
      const at = now();
      const recent = (windows.get(key) ?? []).filter((t) => t > at - WINDOW_MS);
      const oldest = recent[0];
      if (recent.length >= limit() && oldest !== undefined) {
        windows.set(key, recent);
        return oldest + WINDOW_MS - at;
      }
      recent.push(at);
      windows.set(key, recent);
      return null;
    },
  };
}
