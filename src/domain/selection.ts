import type { IsoDate, PayRun, PayRunStatus } from './types.js';

/** `--status`: final (default), preliminary, or any status on that payout date. */
export type StatusFilter = PayRunStatus | 'any';

/** `--date`: an ISO date, `today`, or `latest` (the newest payout date with that status). */
export type DateSpec = IsoDate | 'today' | 'latest';

export interface SelectionOptions {
  date: DateSpec;
  status: StatusFilter;
  /** Employee numbers or personnummer (any common form), as the operator typed them. */
  employees: string[] | null;
  resend: boolean;
  /** `--changed`: only payslips changed since their delivery, to send their corrections. */
  changed: boolean;
}

function statusMatches(filter: StatusFilter, status: PayRunStatus): boolean {
  return filter === 'any' || filter === status;
}

/**
 * Turns `--date` into one payout date. `today` is the caller's local date; `latest` is the
 * newest payout date among pay runs with a matching status, or null when there is none.
 */
export function resolvePayoutDate(spec: DateSpec, status: StatusFilter, payRuns: readonly Pick<PayRun, 'payoutDate' | 'status'>[], today: IsoDate): IsoDate | null {
  if (spec === 'today') return today;
  if (spec !== 'latest') return spec;
  let latest: IsoDate | null = null;
  for (const run of payRuns) {
    if (statusMatches(status, run.status) && (latest === null || run.payoutDate > latest)) latest = run.payoutDate;
  }
  return latest;
}

/** The pay runs a selection takes: the payout date, and the status filter. */
export function selectPayRuns<T extends Pick<PayRun, 'payoutDate' | 'status'>>(payRuns: readonly T[], payoutDate: IsoDate, status: StatusFilter): T[] {
  return payRuns.filter((run) => run.payoutDate === payoutDate && statusMatches(status, run.status));
}

/**
 * Matches `--employees` keys against employees. A key matches an employee number exactly,
 * or a personnummer once normalised (the caller normalises, since that needs a date).
 * Returns the keys that matched nobody, so the caller can refuse with them listed.
 */
export function matchEmployeeKeys<E extends { employeeNumber: string; personnummer: string | null }>(
  employees: readonly E[],
  keys: readonly { raw: string; personnummer: string | undefined }[],
): { selected: Set<E>; unknown: string[] } {
  const selected = new Set<E>();
  const unknown: string[] = [];
  for (const key of keys) {
    const hits = employees.filter((e) => e.employeeNumber === key.raw || (key.personnummer !== undefined && e.personnummer === key.personnummer));
    if (hits.length === 0) unknown.push(key.raw);
    for (const hit of hits) selected.add(hit);
  }
  return { selected, unknown };
}

/**
 * With `--status any`, a payout date may have a preliminary and a final payslip for the
 * same employee: the final one stands, the preliminary is left out.
 */
export function finalStands<P extends { employeeId: number; payRunId: number }>(payslips: readonly P[], statusOf: (payRunId: number) => PayRunStatus): P[] {
  const withFinal = new Set(payslips.filter((p) => statusOf(p.payRunId) === 'final').map((p) => p.employeeId));
  return payslips.filter((p) => statusOf(p.payRunId) === 'final' || !withFinal.has(p.employeeId));
}
