import type { Ore } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { count, money } from '../../i18n/locale.js';

/** One line of the totals: a channel or an outcome, how many payslips, and their net pay. */
export interface TotalsRow {
  label: string;
  payslips: number;
  netPayOre: Ore;
}

/**
 * Count and net pay per channel (or outcome), and their total: the figures a payroll
 * administrator checks against the payroll system's pay run before and after a send.
 * Lines with nothing in them are left out; the total is always there. Aligned columns,
 * the same on a terminal, in a pipe and in a cron mail.
 */
export function totalsText(head: string, rows: readonly TotalsRow[]): string {
  const words = t().select.totals;
  const shown = rows.filter((row) => row.payslips > 0);
  const sum = shown.reduce((total, row) => ({ payslips: total.payslips + row.payslips, netPayOre: total.netPayOre + row.netPayOre }), { payslips: 0, netPayOre: 0 });
  const lines = [
    [head, words.payslips, words.netPay],
    ...shown.map((row) => [row.label, count(row.payslips), money(row.netPayOre)]),
    [t().common.total, count(sum.payslips), money(sum.netPayOre)],
  ];
  const width = (column: number): number => Math.max(...lines.map((line) => [...line[column]!].length));
  const [label, payslips, netPay] = [width(0), width(1), width(2)];
  return lines.map(([a, b, c]) => `  ${a!.padEnd(label)}  ${b!.padStart(payslips)}  ${c!.padStart(netPay)}`).join('\n');
}
