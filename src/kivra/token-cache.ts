/**
 * The access token, shared by every concurrent call of one client: fetched once, reused
 * until shortly before it expires, and renewed by a single request however many callers
 * ask at the same moment.
 */

export interface IssuedToken {
  accessToken: string;
  expiresInSeconds: number;
}

export interface TokenCache {
  get(): Promise<string>;
  /** Forget `token` after Kivra refused it; a token renewed meanwhile is kept. */
  invalidate(token: string): void;
}

/** Renew this long before expiry, so a token never runs out between check and use. */
const RENEW_MARGIN_MS = 60_000;

export function createTokenCache(fetchToken: () => Promise<IssuedToken>, now: () => number): TokenCache {
  let current: { value: string; renewAt: number } | undefined;
  let pending: Promise<string> | undefined;

  return {
    get() {
      if (current && now() < current.renewAt) return Promise.resolve(current.value);
      pending ??= fetchToken()
        .then((issued) => {
          const lifetimeMs = issued.expiresInSeconds * 1000;
          // A short-lived token (tests, or a server that says so) still gets used:
          // renew at half its life instead of before it was issued.
          const margin = Math.min(RENEW_MARGIN_MS, lifetimeMs / 2);
          current = { value: issued.accessToken, renewAt: now() + lifetimeMs - margin };
          return issued.accessToken;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
    invalidate(token) {
      if (current?.value === token) current = undefined;
    },
  };
}
