import type { IncomingHttpHeaders } from 'node:http';
import { KivraApiError, type KivraErrorKind } from './api-error.js';
import { header, readErrorDetails } from './response.js';
import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from './retry.js';
import type { TokenCache } from './token-cache.js';
import type { ExchangeResult, Transport } from './transport.js';

/**
 * One logical Kivra call: attempts, retries with backoff, one token renewal on a
 * refused token, and the final classification into a `KivraApiError`.
 */

export type KivraClientEvent =
  | { type: 'response'; endpoint: string; attempt: number; status: number; correlationId: string | null; durationMs: number }
  | { type: 'network-error'; endpoint: string; attempt: number; failure: string; bodySent: boolean; message: string }
  | { type: 'retry'; endpoint: string; attempt: number; delayMs: number; reason: string }
  | { type: 'token-renewal'; endpoint: string }
  | { type: 'token'; expiresInSeconds: number };

export interface CallerContext {
  baseUrl: string;
  transport: Transport;
  tokens: TokenCache;
  basicAuthorization: string;
  policy: RetryPolicy;
  timeoutMs: number;
  maxResponseBytes: number;
  userAgent: string;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onEvent: (event: KivraClientEvent) => void;
  signal: AbortSignal | undefined;
}

export interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: Uint8Array;
  contentType?: string;
  /** `basic` for /v1/auth, `bearer` for everything else. */
  auth: 'basic' | 'bearer';
  /** Content sends: a request that reached Kivra without an answer may have been delivered. */
  mayDeliver: boolean;
}

interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  attempts: number;
  correlationId: string | null;
}

// A 5xx other than 503 may come after the request was processed (a gateway timing out
// on a slow backend); 503 and 429 say it was turned away.
const MAY_HAVE_PROCESSED = new Set([500, 502, 504]);
// 401 codes that mean "this token is not good"; other 401s (40105 no mailbox, 40110 no
// print integration) are about the request, and a new token would not change them.
const TOKEN_REFUSED = new Set(['40100', '40101', '40102', '40103', '40104', '40015']);
const SCOPE_REFUSED = new Set(['40003', '40300']);

export async function performCall(ctx: CallerContext, spec: CallSpec): Promise<CallResult> {
  const endpoint = `${spec.method} ${spec.path}`;
  let attempts = 0;
  let retriesUsed = 0;
  let renewed = false;
  let maybeDelivered = false;
  let lastProblem = '';

  const fail = (kind: KivraErrorKind, init: { status: number | null; code: string; shortMessage: string; longMessage: string; correlationId?: string | null; retryAfterMs?: number | null; cause?: unknown }): KivraApiError => {
    if (maybeDelivered && kind !== 'permanent') {
      return new KivraApiError({
        kind: 'unknown_outcome',
        status: init.status,
        code: 'unknown_outcome',
        shortMessage: 'outcome unknown',
        longMessage: `the content reached Kivra at least once without an answer (${lastProblem}), then: ${init.longMessage}; resend the identical payload later`,
        correlationId: init.correlationId ?? null,
        endpoint,
        attempts,
        cause: init.cause,
      });
    }
    return new KivraApiError({ kind, endpoint, attempts, correlationId: init.correlationId ?? null, ...init });
  };

  const pause = async (delayMs: number, reason: string): Promise<void> => {
    retriesUsed += 1;
    ctx.onEvent({ type: 'retry', endpoint, attempt: attempts, delayMs, reason });
    await ctx.sleep(delayMs);
    if (ctx.signal?.aborted) throw interrupted(ctx.signal, maybeDelivered, fail);
  };

  for (;;) {
    attempts += 1;
    let token: string | undefined;
    if (spec.auth === 'bearer') {
      try {
        token = await ctx.tokens.get();
      } catch (error) {
        // The token endpoint's own error says what went wrong, unless an earlier attempt
        // may already have delivered the content: then "unknown" must win.
        if (!maybeDelivered || !(error instanceof KivraApiError)) throw error;
        throw fail(error.kind, { status: error.status, code: error.code, shortMessage: error.shortMessage, longMessage: error.longMessage, cause: error });
      }
    }
    const started = ctx.now();
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': ctx.userAgent,
      authorization: token === undefined ? ctx.basicAuthorization : `Bearer ${token}`,
    };
    if (spec.contentType) headers['content-type'] = spec.contentType;
    const result: ExchangeResult = await ctx.transport.exchange({
      method: spec.method,
      url: new URL(ctx.baseUrl + spec.path),
      headers,
      ...(spec.body ? { body: spec.body } : {}),
      timeoutMs: ctx.timeoutMs,
      signal: ctx.signal,
      maxResponseBytes: ctx.maxResponseBytes,
    });

    if (!result.ok) {
      if (spec.mayDeliver && result.bodySent) maybeDelivered = true;
      lastProblem = result.message;
      ctx.onEvent({ type: 'network-error', endpoint, attempt: attempts, failure: result.failure, bodySent: result.bodySent, message: result.message });
      if (result.failure === 'aborted' && ctx.signal) throw interrupted(ctx.signal, maybeDelivered, fail);
      if (retriesUsed < ctx.policy.retries) {
        await pause(backoffDelayMs(ctx.policy, retriesUsed + 1, ctx.random), result.message);
        continue;
      }
      throw fail('unreachable', {
        status: null,
        code: result.failure === 'timeout' ? 'timeout' : result.failure === 'refused' ? 'connection_refused' : 'connection_failed',
        shortMessage: 'Kivra could not be reached',
        longMessage: result.message,
        cause: result.cause,
      });
    }

    const correlationId = header(result.headers, 'x-correlation-id') ?? null;
    ctx.onEvent({ type: 'response', endpoint, attempt: attempts, status: result.status, correlationId, durationMs: ctx.now() - started });
    if (result.status >= 200 && result.status < 300) {
      return { status: result.status, headers: result.headers, body: result.body, attempts, correlationId };
    }

    const details = readErrorDetails(result.status, result.headers, result.body);
    const answer = { status: result.status, correlationId, ...details };
    if (spec.auth === 'basic' && (result.status === 400 || result.status === 401 || result.status === 403)) {
      throw fail('auth', answer);
    }
    if (spec.auth === 'bearer' && (TOKEN_REFUSED.has(details.code) || (result.status === 401 && details.code.startsWith('http_')))) {
      if (token !== undefined && !renewed) {
        renewed = true;
        ctx.tokens.invalidate(token);
        ctx.onEvent({ type: 'token-renewal', endpoint });
        continue;
      }
      throw fail('auth', answer);
    }
    if (SCOPE_REFUSED.has(details.code)) throw fail('auth', answer);
    // Only a real 5xx is Kivra failing; a status past 599 is no HTTP answer to retry.
    if (result.status === 429 || (result.status >= 500 && result.status <= 599)) {
      if (spec.mayDeliver && MAY_HAVE_PROCESSED.has(result.status)) {
        maybeDelivered = true;
        lastProblem = `HTTP ${result.status}`;
      }
      const retryAfterMs = parseRetryAfterMs(header(result.headers, 'retry-after'), ctx.now());
      const waitAllowed = retryAfterMs === null || retryAfterMs <= ctx.policy.maxRetryAfterMs;
      if (retriesUsed < ctx.policy.retries && waitAllowed) {
        await pause(retryAfterMs ?? backoffDelayMs(ctx.policy, retriesUsed + 1, ctx.random), `${result.status} ${details.code}`);
        continue;
      }
      throw fail('transient', { ...answer, retryAfterMs });
    }
    throw fail('permanent', answer);
  }
}

function interrupted(
  signal: AbortSignal,
  maybeDelivered: boolean,
  fail: (kind: KivraErrorKind, init: { status: null; code: string; shortMessage: string; longMessage: string; cause: unknown }) => KivraApiError,
): unknown {
  // An interrupted content send whose body already left is reported as unknown, so the
  // caller keeps the payload; otherwise the interrupt itself propagates.
  if (maybeDelivered) return fail('transient', { status: null, code: 'interrupted', shortMessage: 'interrupted', longMessage: 'interrupted', cause: signal.reason });
  return signal.reason;
}
