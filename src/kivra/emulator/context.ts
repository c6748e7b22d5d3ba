import type { IncomingHttpHeaders } from 'node:http';
import type { EmulatorError } from './errors.js';
import type { FaultInjector } from './faults.js';
import type { EmulatorClient, EmulatorTenant } from './options.js';
import type { StateWriter } from './persistence.js';
import type { RateLimiter } from './rate-limit.js';
import type { ContentRecord, EmulatorState } from './state.js';
import type { TokenGrant, TokenStore } from './tokens.js';

/** What the endpoint handlers share; built once per emulator. */
export interface EmulatorContext {
  baseUrl: () => string;
  clients: readonly EmulatorClient[];
  acceptAnyCredentials: boolean;
  tenants: ReadonlyMap<string, EmulatorTenant>;
  duplicateControl: 'production' | 'sandbox';
  contentLimitBytes: number;
  tokenLifetimeSeconds: () => number;
  state: EmulatorState;
  /** Duplicate-control index: dedupe hash → the first accepted copy. */
  firstCopies: Map<string, ContentRecord>;
  tokens: TokenStore;
  faults: FaultInjector;
  rateLimiter: RateLimiter;
  writer: StateWriter | null;
  now: () => number;
}

export interface IncomingExchange {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body was larger than the request limit; `body` holds only its start. */
  overflow: boolean;
}

export interface AuthorizedExchange extends IncomingExchange {
  tenantKey: string;
  grant: TokenGrant;
}

export type Answer =
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'error'; error: EmulatorError; headers?: Record<string, string> }
  | { kind: 'drop' };

export function errorAnswer(error: EmulatorError, headers?: Record<string, string>): Answer {
  return headers ? { kind: 'error', error, headers } : { kind: 'error', error };
}

/** `application/json`, with or without parameters such as `charset`. */
export function isJsonRequest(headers: IncomingHttpHeaders): boolean {
  return /^application\/json\s*(;|$)/i.test(headers['content-type'] ?? '');
}
