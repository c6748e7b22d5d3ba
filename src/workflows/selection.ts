import { chooseChannel, CHANNELS, type Channel, type ChannelDecision } from '../domain/channel.js';
import { formatIsoDate, parseIsoDate } from '../domain/iso-date.js';
import { parsePersonnummer } from '../domain/personnummer.js';
import { matchEmployeeKeys, resolvePayoutDate, selectPayRuns, type DateSpec, type SelectionOptions, type StatusFilter } from '../domain/selection.js';
import type { Company, Employee, IsoDate, PayRun } from '../domain/types.js';
import { UsageError } from '../errors.js';
import type { Db } from '../store/database.js';
import { getEmployeesByIds } from '../store/employees.js';
import { listPayRuns, listPayslipRefs } from '../store/payroll.js';

export interface PlannedPayslip {
  payslipId: number;
  employee: Employee;
  payRun: PayRun;
  decision: ChannelDecision;
  deliveredAt: string | null;
}

export interface Selection {
  options: SelectionOptions;
  /** Null when `latest` found no pay run with that status. */
  payoutDate: IsoDate | null;
  payRuns: PayRun[];
  items: PlannedPayslip[];
  totals: Record<Channel, number>;
}

/** Parses `--date` and `--status` as typed: usage errors name the option. */
export function parseSelectionOptions(raw: { date: string; status?: string; employees?: string; resend?: boolean }): SelectionOptions {
  const date = raw.date === 'today' || raw.date === 'latest' ? raw.date : parseIsoDate(raw.date);
  if (date === null) {
    throw new UsageError(`--date: "${raw.date}" is not a date; use YYYY-MM-DD, today or latest.`, { code: 'invalid_option' });
  }
  const status = (raw.status ?? 'final') as StatusFilter;
  const employees = raw.employees
    ? raw.employees
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== '')
    : null;
  if (employees !== null && employees.length === 0) throw new UsageError('--employees: give employee numbers or personnummer, comma-separated.', { code: 'invalid_option' });
  return { date: date as DateSpec, status, employees, resend: Boolean(raw.resend) };
}

/** The local calendar date, which is what a payroll administrator means by "today". */
export function localToday(now: Date): IsoDate {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * What a send with these options would take, and where each payslip would go. `mailboxes`
 * overrides the register's last known mailbox answers (send asks Kivra afresh).
 */
export function collectSelection(db: Db, company: Company, options: SelectionOptions, today: IsoDate, mailboxes?: ReadonlyMap<string, boolean>): Selection {
  const allRuns = listPayRuns(db, company.id);
  const payoutDate = resolvePayoutDate(options.date, options.status, allRuns, today);
  const payRuns = payoutDate === null ? [] : selectPayRuns(allRuns, payoutDate, options.status);
  const refs = listPayslipRefs(db, payRuns.map((r) => r.id));
  const employees = getEmployeesByIds(db, [...new Set(refs.map((r) => r.employeeId))]);

  let wanted: Set<Employee> | null = null;
  if (options.employees) {
    const keys = options.employees.map((raw) => {
      const parsed = parsePersonnummer(raw, today);
      return { raw, personnummer: parsed.ok ? parsed.value : undefined };
    });
    const match = matchEmployeeKeys([...employees.values()], keys);
    if (match.unknown.length > 0) {
      throw new UsageError(`--employees: ${match.unknown.join(', ')} ha${match.unknown.length === 1 ? 's' : 've'} no payslip in this selection.`, {
        code: 'employee_not_selected',
        suggestion: 'payslips select with the same --date and --status lists who is in it.',
      });
    }
    wanted = match.selected;
  }

  const runsById = new Map(payRuns.map((r) => [r.id, r]));
  const totals = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const items: PlannedPayslip[] = [];
  for (const ref of refs) {
    const employee = employees.get(ref.employeeId)!;
    if (wanted && !wanted.has(employee)) continue;
    const hasMailbox = employee.personnummer !== null && mailboxes?.has(employee.personnummer) ? mailboxes.get(employee.personnummer)! : employee.mailbox;
    const decision = chooseChannel({
      settings: company.settings,
      employee,
      payslip: ref,
      hasMailbox,
      resend: options.resend,
    });
    totals[decision.channel]++;
    items.push({ payslipId: ref.id, employee, payRun: runsById.get(ref.payRunId)!, decision, deliveredAt: ref.deliveredAt });
  }
  items.sort((a, b) => compareEmployeeNumbers(a.employee.employeeNumber, b.employee.employeeNumber) || a.payRun.key.localeCompare(b.payRun.key));
  return { options, payoutDate, payRuns, items, totals };
}

/** Employee numbers are text, but payroll people expect 2 before 10. */
function compareEmployeeNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
