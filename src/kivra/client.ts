import { KivraApiError } from './api-error.js';
import { assertAllowedApiUrl } from './api-url.js';
import { performCall, type CallerContext, type CallSpec, type KivraClientEvent } from './caller.js';
import { parseJsonObject } from './response.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
import { createTokenCache, type IssuedToken } from './token-cache.js';
import { createTransport } from './transport.js';

export type { KivraClientEvent } from './caller.js';

/**
 * The Kivra sender API as payslips uses it (docs/kivra-api.md §2, §3.1, §4, §7.1): OAuth2 client
 * credentials, tenant info, user matching and content. Safe to share between concurrent
 * callers; the caller decides how many calls run at once.
 */

export interface KivraClientOptions {
  /** `https://…`, or `http://` on loopback (the emulator). */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per attempt, from sending the request to the end of the answer. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** SSNs per usermatch request; 100,000 keep a body near 1.5 MB, far below Kivra's 10 MB. */
  matchBatchSize?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Source of jitter, in [0, 1). */
  random?: () => number;
  onEvent?: (event: KivraClientEvent) => void;
  /** Aborting ends waits and in-flight calls (Ctrl+C). */
  signal?: AbortSignal;
}

interface KivraCompanyId {
  name: string;
  /** As Kivra stores it: VAT form, e.g. `SE556677889901`. */
  orgnr: string;
}

export interface KivraTenant {
  name: string;
  companyIds: KivraCompanyId[];
  raw: Record<string, unknown>;
}

interface SendContentResult {
  /** `kivra-objkey`; null if Kivra left the header out. */
  contentKey: string | null;
  /** Kivra answered `kivra-retained: true`: kept until the recipient registers. */
  retained: boolean;
  correlationId: string | null;
  attempts: number;
}

export interface KivraClient {
  getTenant(tenantKey: string): Promise<KivraTenant>;
  /** The subset of `ssns` that can receive content from the tenant now. */
  matchUsers(tenantKey: string, ssns: readonly string[]): Promise<Set<string>>;
  /**
   * POSTs `body` exactly as given. Retries send the same bytes, so Kivra's duplicate
   * control recognises them; keep the bytes when this fails with `unknown_outcome`.
   */
  sendContent(tenantKey: string, body: string | Uint8Array): Promise<SendContentResult>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

const DEFAULT_MATCH_BATCH_SIZE = 100_000;
const DEFAULT_TIMEOUT_MS = 30_000;
// A usermatch answer echoes at most what we sent; token and tenant answers are tiny.
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export function createKivraClient(options: KivraClientOptions): KivraClient {
  const baseUrl = assertAllowedApiUrl(options.baseUrl);
  const now = options.now ?? Date.now;
  const signal = options.signal;
  const matchBatchSize = options.matchBatchSize ?? DEFAULT_MATCH_BATCH_SIZE;
  if (!Number.isInteger(matchBatchSize) || matchBatchSize < 1) throw new RangeError('matchBatchSize must be a positive integer');
  const transport = createTransport();
  const onEvent = options.onEvent ?? (() => {});

  const ctx: CallerContext = {
    baseUrl,
    transport,
    // Placeholder replaced below: the token cache needs `ctx` to call /v1/auth.
    tokens: { get: () => Promise.reject(new Error('token cache not ready')), invalidate: () => {} },
    basicAuthorization: `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret}`, 'utf8').toString('base64')}`,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: MAX_RESPONSE_BYTES,
    userAgent: 'payslips (+https://kivra.se)',
    now,
    sleep: options.sleep ?? ((ms) => abortableSleep(ms, signal)),
    random: options.random ?? Math.random,
    onEvent,
    signal,
  };
  ctx.tokens = createTokenCache(() => requestToken(ctx), now);

  const call = (spec: Omit<CallSpec, 'auth'>) => performCall(ctx, { ...spec, auth: 'bearer' });

  return {
    async getTenant(tenantKey) {
      const path = `/v2/tenant/${encodeURIComponent(tenantKey)}`;
      const result = await call({ method: 'GET', path, mayDeliver: false });
      const raw = parseJsonObject(result.body);
      if (!raw || typeof raw.name !== 'string' || !Array.isArray(raw.company_id)) {
        throw invalidAnswer(`GET ${path}`, 'tenant without name or company_id', result.correlationId, result.attempts);
      }
      const companyIds = raw.company_id.flatMap((entry: unknown): KivraCompanyId[] => {
        const item = entry as { name?: unknown; orgnr?: unknown } | null;
        return item && typeof item.orgnr === 'string' ? [{ name: typeof item.name === 'string' ? item.name : '', orgnr: item.orgnr }] : [];
      });
      return { name: raw.name, companyIds, raw };
    },

    async matchUsers(tenantKey, ssns) {
      const path = `/v2/tenant/${encodeURIComponent(tenantKey)}/usermatch/ssn`;
      const asked = [...new Set(ssns)];
      const matched = new Set<string>();
      for (let start = 0; start < asked.length; start += matchBatchSize) {
        const batch = asked.slice(start, start + matchBatchSize);
        const body = Buffer.from(JSON.stringify({ list: batch }), 'utf8');
        const result = await call({ method: 'POST', path, body, contentType: 'application/json', mayDeliver: false });
        const answer = parseJsonObject(result.body);
        if (!answer || !Array.isArray(answer.list)) {
          throw invalidAnswer(`POST ${path}`, 'usermatch answer without list', result.correlationId, result.attempts);
        }
        // Only trust an answer about the SSNs we asked for.
        const inBatch = new Set(batch);
        for (const ssn of answer.list) if (typeof ssn === 'string' && inBatch.has(ssn)) matched.add(ssn);
      }
      return matched;
    },

    async sendContent(tenantKey, body) {
      const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      const path = `/v2/tenant/${encodeURIComponent(tenantKey)}/content`;
      const result = await call({ method: 'POST', path, body: bytes, contentType: 'application/json', mayDeliver: true });
      const key = result.headers['kivra-objkey'];
      const retained = result.headers['kivra-retained'];
      return {
        contentKey: typeof key === 'string' && key !== '' ? key : null,
        retained: typeof retained === 'string' && retained.trim().toLowerCase() === 'true',
        correlationId: result.correlationId,
        attempts: result.attempts,
      };
    },

    close() {
      transport.close();
    },
  };
}

/** Kivra's OAuth2 token endpoint, as errors name it (`KivraApiError.endpoint`). */
const TOKEN_PATH = '/v1/auth';
export const TOKEN_ENDPOINT = `POST ${TOKEN_PATH}`;

async function requestToken(ctx: CallerContext): Promise<IssuedToken> {
  const body = Buffer.from(new URLSearchParams({ grant_type: 'client_credentials' }).toString(), 'utf8');
  const result = await performCall(ctx, {
    method: 'POST',
    path: TOKEN_PATH,
    body,
    contentType: 'application/x-www-form-urlencoded',
    auth: 'basic',
    mayDeliver: false,
  });
  const answer = parseJsonObject(result.body);
  const accessToken = answer?.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw invalidAnswer(TOKEN_ENDPOINT, 'token answer without access_token', result.correlationId, result.attempts);
  }
  // Kivra documents 8 hours; a missing or odd value falls back to that.
  const expiresIn = typeof answer?.expires_in === 'number' && answer.expires_in > 0 ? answer.expires_in : 28_800;
  ctx.onEvent({ type: 'token', expiresInSeconds: expiresIn });
  return { accessToken, expiresInSeconds: expiresIn };
}

function invalidAnswer(endpoint: string, what: string, correlationId: string | null, attempts: number): KivraApiError {
  return new KivraApiError({
    kind: 'permanent',
    status: null,
    code: 'invalid_response',
    shortMessage: 'unexpected answer',
    longMessage: what,
    correlationId,
    endpoint,
    attempts,
  });
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
