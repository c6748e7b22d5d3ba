/**
 * What a failed Kivra call tells its caller. `kind` is what the caller acts on:
 *
 * - `transient`: Kivra answered 429 or 5xx and the client's retries ran out; the same
 *   request may well succeed later.
 * - `permanent`: Kivra rejected the request itself (4xx, e.g. 40009 invalid SSN, 40105 no
 *   mailbox); sending the same bytes again will fail again.
 * - `auth`: the credentials were rejected, or a renewed token was still refused.
 * - `unreachable`: no HTTP answer at all (connection refused, DNS, timeout) and nothing
 *   can have been processed by Kivra.
 * - `unknown_outcome`: a content body reached the network but no answer came back, so
 *   Kivra may have delivered it. Keep the exact bytes and resend them later: Kivra's
 *   duplicate control recognises an identical payload.
 */
export type KivraErrorKind = 'transient' | 'permanent' | 'auth' | 'unreachable' | 'unknown_outcome';

interface KivraApiErrorInit {
  kind: KivraErrorKind;
  /** HTTP status, or null when no response came back. */
  status: number | null;
  /** Kivra's five-digit code as a string (e.g. `"40009"`), or a local code such as `timeout`. */
  code: string;
  shortMessage: string;
  longMessage: string;
  correlationId: string | null;
  /** `METHOD /path` of the request, for messages; never carries credentials. */
  endpoint: string;
  attempts: number;
  /** Milliseconds Kivra asked us to wait (Retry-After), when it said so. */
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class KivraApiError extends Error {
  override readonly name = 'KivraApiError';
  readonly kind: KivraErrorKind;
  readonly status: number | null;
  readonly code: string;
  readonly shortMessage: string;
  readonly longMessage: string;
  readonly correlationId: string | null;
  readonly endpoint: string;
  readonly attempts: number;
  readonly retryAfterMs: number | null;

  constructor(init: KivraApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.code;
    this.shortMessage = init.shortMessage;
    this.longMessage = init.longMessage;
    this.correlationId = init.correlationId;
    this.endpoint = init.endpoint;
    this.attempts = init.attempts;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

function describe(init: KivraApiErrorInit): string {
  const answer = init.status === null ? init.shortMessage : `${init.status} ${init.code} ${init.shortMessage}`;
  const detail = init.longMessage && init.longMessage !== init.shortMessage ? `: ${init.longMessage}` : '';
  const correlation = init.correlationId ? ` (x-correlation-id ${init.correlationId})` : '';
  const tries = init.attempts > 1 ? ` after ${init.attempts} attempts` : '';
  return `Kivra ${init.endpoint}${tries}: ${answer}${detail}${correlation}`;
}
