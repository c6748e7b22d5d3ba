import { kivraError, type EmulatorError } from './errors.js';
import type { EmulatorEndpoint, EmulatorFaults, FaultRule, FaultStatus } from './options.js';

/** Injected failures for tests and for trying the tool's retry behaviour by hand. */

const CODE_FOR_STATUS = { 429: '42900', 500: '50000', 502: '50200', 503: '50300', 504: '50400' } as const satisfies Record<FaultStatus, string>;

interface InjectedFailure {
  error: EmulatorError;
  retryAfter: string | null;
}

export interface FaultInjector {
  readonly current: Readonly<EmulatorFaults>;
  /** Merge `changes` into the faults; counters of replaced rules start over. */
  set(changes: EmulatorFaults): void;
  /** Called once per request: a failure to answer instead, or null. */
  failureFor(endpoint: EmulatorEndpoint): InjectedFailure | null;
  /** Called once per accepted content: whether to destroy the connection instead of answering. */
  dropAccepted(): boolean;
}

export function createFaultInjector(initial: EmulatorFaults = {}): FaultInjector {
  let faults: EmulatorFaults = {};
  let firstRemaining = 0;
  let everySeen = 0;
  let dropsRemaining = 0;

  const set = (changes: EmulatorFaults): void => {
    faults = { ...faults, ...changes };
    if ('failFirst' in changes) firstRemaining = changes.failFirst?.count ?? 0;
    if ('failEvery' in changes) everySeen = 0;
    if ('dropAfterAccept' in changes) dropsRemaining = changes.dropAfterAccept ?? 0;
  };
  set(initial);

  const applies = (rule: FaultRule, endpoint: EmulatorEndpoint): boolean => (rule.endpoints ?? ['content']).includes(endpoint);
  const failure = (rule: FaultRule): InjectedFailure => ({
    error: kivraError(CODE_FOR_STATUS[rule.status], 'injected fault'),
    retryAfter: rule.retryAfter === undefined ? null : String(rule.retryAfter),
  });

  return {
    get current() {
      return faults;
    },
    set,
    failureFor(endpoint) {
      const first = faults.failFirst;
      if (first && firstRemaining > 0 && applies(first, endpoint)) {
        firstRemaining -= 1;
        return failure(first);
      }
      const every = faults.failEvery;
      if (every && every.every > 0 && applies(every, endpoint)) {
        everySeen += 1;
        if (everySeen % every.every === 0) return failure(every);
      }
      return null;
    },
    dropAccepted() {
      if (dropsRemaining <= 0) return false;
      dropsRemaining -= 1;
      return true;
    },
  };
}
