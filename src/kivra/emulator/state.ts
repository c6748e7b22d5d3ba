import type { EmulatorEndpoint } from './options.js';

/** Everything the emulator accepted, for tests and the `kivra-emulator` command to inspect. */

export type ContentOutcome = 'delivered' | 'retained' | 'duplicate';

export interface ContentRecord {
  tenantKey: string;
  /** Null when the recipient was given by email or VAT number. */
  ssn: string | null;
  type: string;
  subject: string;
  /** `kivra-objkey`; a duplicate carries the key of the first copy. */
  contentKey: string;
  outcome: ContentOutcome;
  /** Retained content: delivered later because the recipient registered in time. */
  released: boolean;
  /** Retained content: epoch ms until which a registration releases it. */
  retainedUntil: number | null;
  /** SHA-256 of the request body exactly as received. */
  sha256: string;
  /** Duplicate-control identity: tenant + canonical JSON without `generated_at`. */
  dedupeHash: string;
  /** The request body; null for content loaded from a state file. */
  body: Buffer | null;
  receivedAt: number;
}

export interface EmulatorState {
  contents: ContentRecord[];
  /** Requests per endpoint, counted on arrival, whatever the answer. */
  requests: Record<EmulatorEndpoint | 'other', number>;
  recipients: Set<string>;
  tokensIssued: number;
}

export function createState(recipients: Iterable<string>): EmulatorState {
  return {
    contents: [],
    requests: { auth: 0, tenant: 0, usermatch: 0, content: 0, other: 0 },
    recipients: new Set(recipients),
    tokensIssued: 0,
  };
}

/** Content that reached a mailbox: delivered at once, or retained and later released. */
export function isInMailbox(record: ContentRecord): boolean {
  return record.outcome === 'delivered' || (record.outcome === 'retained' && record.released);
}
