import type { Context } from '../../context.js';
import { formatDateRange } from '../../domain/format.js';
import type { Company } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { count, money } from '../../i18n/locale.js';
import type { PayRunOverview } from '../../workflows/pay-run-overview.js';
import { paint } from '../colour.js';
import { renderTable } from '../table.js';

export function printPayRuns(ctx: Context, company: Company, runs: PayRunOverview[]): void {
  const words = t().payruns;
  if (runs.length === 0) {
    ctx.terminal.info(words.none(company.name));
    return;
  }
  const n = count;
  const rows = runs.map((r) => [
    r.payRun,
    formatDateRange(r.periodStart, r.periodEnd),
    r.payoutDate,
    t().common.payRunStatus[r.status],
    n(r.payslips),
    n(r.totals.delivered),
    n(r.totals.retained),
    n(r.totals.printed),
    n(r.totals.skipped),
    r.totals.failed > 0 ? paint('error', n(r.totals.failed)) : '0',
    r.totals.notSent > 0 ? paint('warn', n(r.totals.notSent)) : '0',
    money(r.netPayOre),
  ]);
  const h = words.head;
  ctx.terminal.result(
    renderTable(ctx.terminal, [h.payRun, h.period, h.payoutDate, h.status, h.payslips, h.delivered, h.retained, h.printed, h.skipped, h.failed, h.notSent, h.netPay], rows),
  );
  // The date picker's point: the payout date of the pay run to send next, as send takes it.
  const next = runs.find((r) => r.totals.notSent > 0);
  if (next) ctx.terminal.info(words.nextToSend(next.payRun, sendCommand('select', next)));
}

/** `payslips select --date 2025-12-23 --status preliminary`: the options that pick this pay run. */
export function sendCommand(verb: 'select' | 'send', run: Pick<PayRunOverview, 'payoutDate' | 'status'>): string {
  return `payslips ${verb} --date ${run.payoutDate}${run.status === 'preliminary' ? ' --status preliminary' : ''}`;
}

/** `payruns list --json` (docs/json.md). */
export function payRunsJson(company: Company, runs: PayRunOverview[]) {
  return {
    company: { orgNumber: company.orgNumber, name: company.name },
    payRuns: runs.map((r) => ({
      payRun: r.payRun,
      periodStart: r.periodStart,
      periodEnd: r.periodEnd,
      payoutDate: r.payoutDate,
      status: r.status,
      payslips: r.payslips,
      totals: r.totals,
      netPayOre: r.netPayOre,
    })),
  };
}
