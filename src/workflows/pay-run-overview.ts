import { payslipOutcome, type PayslipOutcome } from '../domain/payslip-outcome.js';
import type { Company, Ore } from '../domain/types.js';
import type { Db } from '../store/database.js';
import { iteratePayslipSends, listPayRunTotals, type PayRunTotalsRow } from '../store/pay-run-overview.js';

/** How many of a pay run's payslips stand where (domain/payslip-outcome.ts); they add up to `payslips`. */
export interface PayRunCounts {
  delivered: number;
  retained: number;
  printed: number;
  skipped: number;
  failed: number;
  notSent: number;
}

export interface PayRunOverview extends Omit<PayRunTotalsRow, 'payRunId' | 'netPayOre'> {
  totals: PayRunCounts;
  netPayOre: Ore;
}

const COUNT_OF: Record<PayslipOutcome, keyof PayRunCounts> = {
  delivered: 'delivered',
  retained: 'retained',
  printed: 'printed',
  skipped: 'skipped',
  failed: 'failed',
  not_sent: 'notSent',
};

/**
 * `payruns list`: every pay run of the company, newest payout first, with its payslips
 * counted by where each stands after all sends, and the sum of their net pay.
 */
export function collectPayRuns(db: Db, company: Company): PayRunOverview[] {
  const runs = listPayRunTotals(db, company.id);
  const counts = new Map<number, PayRunCounts>(runs.map((r) => [r.payRunId, { delivered: 0, retained: 0, printed: 0, skipped: 0, failed: 0, notSent: 0 }]));
  // Payslips no send took are never in the items: they are what is left once the rest is counted.
  const settle = (payRunId: number, states: string[]): void => {
    const bucket = counts.get(payRunId);
    if (bucket) bucket[COUNT_OF[payslipOutcome(states)]]++;
  };
  let payslipId: number | null = null;
  let payRunId = 0;
  let states: string[] = [];
  for (const row of iteratePayslipSends(db, company.id)) {
    if (row.payslipId !== payslipId) {
      if (payslipId !== null) settle(payRunId, states);
      payslipId = row.payslipId;
      payRunId = row.payRunId;
      states = [];
    }
    states.push(row.state);
  }
  if (payslipId !== null) settle(payRunId, states);
  return runs.map(({ payRunId, ...run }) => {
    const totals = counts.get(payRunId)!;
    const counted = totals.delivered + totals.retained + totals.printed + totals.skipped + totals.failed + totals.notSent;
    return { ...run, totals: { ...totals, notSent: totals.notSent + run.payslips - counted } };
  });
}
