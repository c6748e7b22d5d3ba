import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { kivraError, type EmulatorError } from './errors.js';
import { newAccessToken } from './ids.js';
import type { EmulatorClient } from './options.js';
import { parseScope, type ScopeRule } from './scope.js';

/** Issued tokens and the checks on `Authorization` headers (docs/kivra-api.md §2). */

export interface TokenGrant {
  clientId: string;
  /** Tenants the token may touch; null means every configured tenant. */
  tenantKeys: ReadonlySet<string> | null;
  /** Limited scope requested at /v1/auth, or null for the client's full scope. */
  scope: ScopeRule[] | null;
  expiresAt: number;
}

export interface TokenStore {
  issue(grant: Omit<TokenGrant, 'expiresAt'>, lifetimeSeconds: number): string;
  /** The grant behind `Authorization: Bearer …`, or the 401 to answer. */
  verify(headers: IncomingHttpHeaders): TokenGrant | EmulatorError;
  readonly issued: number;
}

export function createTokenStore(now: () => number): TokenStore {
  const grants = new Map<string, TokenGrant>();
  let issued = 0;
  return {
    issue(grant, lifetimeSeconds) {
      const token = newAccessToken();
      grants.set(token, { ...grant, expiresAt: now() + lifetimeSeconds * 1000 });
      issued += 1;
      // Forget expired tokens so a long-running emulator does not grow without bound.
      for (const [key, value] of grants) if (value.expiresAt <= now()) grants.delete(key);
      return token;
    },
    verify(headers) {
      // Only `Bearer` (case-insensitive, as every HTTP auth scheme): the old `token`
      // scheme was removed in 2019 (docs/kivra-api.md §2.3).
      const match = /^Bearer +([A-Za-z0-9]+)$/i.exec(headers.authorization ?? '');
      const grant = match?.[1] === undefined ? undefined : grants.get(match[1]);
      if (!grant || grant.expiresAt <= now()) return kivraError('40100');
      return grant;
    },
    get issued() {
      return issued;
    },
  };
}

interface ClientCheck {
  clients: readonly EmulatorClient[];
  acceptAnyCredentials: boolean;
}

/** Basic credentials → the client they belong to, or the 401/40104 to answer. */
export function authenticateClient(headers: IncomingHttpHeaders, check: ClientCheck): EmulatorClient | EmulatorError {
  const match = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(headers.authorization ?? '');
  if (!match?.[1]) return kivraError('40104', 'no client authentication included');
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return kivraError('40104');
  const clientId = decoded.slice(0, colon);
  const clientSecret = decoded.slice(colon + 1);
  if (check.acceptAnyCredentials) return { clientId, clientSecret };
  const client = check.clients.find((c) => c.clientId === clientId);
  if (!client || !sameSecret(client.clientSecret, clientSecret)) return kivraError('40104');
  return client;
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function scopeFromRequest(text: string | null): ScopeRule[] | null | EmulatorError {
  if (text === null || text.trim() === '') return null;
  return parseScope(text) ?? kivraError('40003');
}
