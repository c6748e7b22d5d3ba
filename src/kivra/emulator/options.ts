/**
 * What a test or a user can configure in the emulator. Defaults follow Kivra's
 * production behaviour as docs/kivra-api.md §4–§8 describe it.
 */

export type EmulatorEndpoint = 'auth' | 'tenant' | 'usermatch' | 'content';

export interface EmulatorTenant {
  /** 42 characters: 10-digit unix time + 32 lowercase hex (docs/kivra-api.md §7.3). */
  key: string;
  name: string;
  /** `orgnr` in Kivra's VAT form, e.g. `SE556677889901` (docs/kivra-api.md §7.1). */
  companyIds: Array<{ name: string; orgnr: string }>;
}

export interface EmulatorClient {
  clientId: string;
  clientSecret: string;
  /** Tenants this client's tokens may use; all configured tenants when left out. */
  tenantKeys?: string[];
}

export type FaultStatus = 429 | 500 | 502 | 503 | 504;

export interface FaultRule {
  status: FaultStatus;
  /** Sent as `Retry-After`: seconds, or an HTTP date string. */
  retryAfter?: number | string;
  /** Which endpoints the rule applies to; `content` only when left out. */
  endpoints?: EmulatorEndpoint[];
}

export interface EmulatorFaults {
  /** The next `count` matching requests fail. */
  failFirst?: (FaultRule & { count: number }) | null;
  /** Every `every`-th matching request fails (the every-th, 2·every-th, …). */
  failEvery?: (FaultRule & { every: number }) | null;
  /**
   * The next N accepted contents are recorded (delivered, deduplicated) and then the
   * connection is destroyed without an answer: the "lost after sending" case.
   */
  dropAfterAccept?: number;
  /** Delay before every answer, after the request was processed. */
  latencyMs?: number;
  /** Token lifetime for tokens issued from now on. */
  tokenLifetimeSeconds?: number;
  /** `/v1/auth` refuses every client (401/40104). */
  rejectAllCredentials?: boolean;
}

export interface EmulatorRequestLog {
  method: string;
  path: string;
  endpoint: EmulatorEndpoint | 'other';
  status: number | 'dropped';
  code: string | null;
  correlationId: string;
}

export interface KivraEmulatorOptions {
  /** 0 (default) picks a free port. The emulator only ever listens on 127.0.0.1. */
  port?: number;
  clients?: EmulatorClient[];
  /** Any client id and secret get a token for every tenant (the `local` environment). */
  acceptAnyCredentials?: boolean;
  tenants?: EmulatorTenant[];
  /** SSNs that have a Kivra mailbox and accept the tenants. */
  recipients?: Iterable<string>;
  /** `production`: identical payloads (apart from `generated_at`) are delivered once. `sandbox`: no duplicate control. */
  duplicateControl?: 'production' | 'sandbox';
  /** Error bodies carry `code` as a number (the developer docs) instead of a string (Kivra's libraries). */
  numericErrorCodes?: boolean;
  /** Contents per recipient per sliding minute (docs/kivra-api.md §6: 50). */
  rateLimitPerMinute?: number;
  /** Whole JSON content object (docs/kivra-api.md §6: 1 MB). */
  contentLimitBytes?: number;
  /** Any request body, and usermatch (docs/kivra-api.md §6: 10 MB). */
  requestLimitBytes?: number;
  tokenLifetimeSeconds?: number;
  faults?: EmulatorFaults;
  /** Keeps recipients, content keys, dedupe hashes and retained content across runs. */
  stateFile?: string;
  now?: () => number;
  /** Called once per answered (or dropped) request, e.g. to print a request log. */
  onRequest?: (entry: EmulatorRequestLog) => void;
}

export const EMULATOR_DEFAULTS = {
  duplicateControl: 'production',
  rateLimitPerMinute: 50,
  // docs/kivra-api.md §9.5: whether "1 MB" is 10^6 or 2^20 is not stated; the larger reading
  // avoids rejecting what Kivra may accept, and the client side keeps well below both.
  contentLimitBytes: 1024 * 1024,
  requestLimitBytes: 10 * 1024 * 1024,
  tokenLifetimeSeconds: 28_800,
} as const;

/** Content types that may be retained (docs/kivra-api.md §4.4). */
export const RETAINABLE_TYPES: ReadonlySet<string> = new Set(['letter.salary', 'salaryslip', 'letter.creditnotice', 'letter.signed', 'invite.sign']);

/** Person content types Kivra lists for `Content_user_v2.type` (docs/kivra-api.md §4.1). */
export const USER_CONTENT_TYPES: ReadonlySet<string> = new Set([
  'letter', 'letter.salary', 'salaryslip', 'letter.creditnotice', 'letter.signed', 'letter.form',
  'invite.research', 'invite.gift', 'invite.voucher', 'invite.kyc', 'invite.sign',
  'invoice', 'invoice.reminder', 'invoice.debtcampaign', 'invoice.renewal', 'invoice.debtcollection',
  'invoice.donation', 'invoice.paymentnotice', 'booking', 'registered.letter', 'ticket.event',
]);
