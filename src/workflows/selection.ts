import { chooseChannel, CHANNELS, DATA_FAILURES, type Channel, type ChannelDecision } from '../domain/channel.js';
import { deliveryState, documentFingerprint, failureFingerprint, type DeliveryState } from '../domain/delivery.js';
import { formatIsoDate, parseIsoDate } from '../domain/iso-date.js';
import { parsePersonnummer } from '../domain/personnummer.js';
import { finalStands, matchEmployeeKeys, resolvePayoutDate, selectPayRuns, type DateSpec, type SelectionOptions, type StatusFilter } from '../domain/selection.js';
import type { Company, Employee, IsoDate, Ore, PayRun } from '../domain/types.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import type { Db } from '../store/database.js';
import { duplicatePersonnummer, getEmployeesByIds } from '../store/employees.js';
import { listPayRuns, listPayslipRefs } from '../store/payroll.js';

export interface PlannedPayslip {
  payslipId: number;
  employee: Employee;
  payRun: PayRun;
  /** The payslip's net pay, as the payroll system gave it. */
  netPayOre: Ore;
  decision: ChannelDecision;
  /** The document as it is now (`documentFingerprint`). */
  fingerprint: string;
  delivery: DeliveryState;
  /** For a correction: when the document it replaces was delivered. */
  replacesDeliveredAt: string | null;
  /** For a payslip that fails for its data: that data's fingerprint (`failureFingerprint`). */
  failureFingerprint: string | null;
  /**
   * It failed for the same data before (in that job): it is not tried again, and stays
   * failed until the payroll system corrects it.
   */
  failedBefore: { jobId: number | null } | null;
  /** One of Skatteverket's test personnummer, noted where the company sends for real. */
  testPersonnummer: boolean;
}

export interface Selection {
  options: SelectionOptions;
  /** Null when `latest` found no pay run with that status. */
  payoutDate: IsoDate | null;
  payRuns: PayRun[];
  items: PlannedPayslip[];
  totals: Record<Channel, number>;
  /** The sum of net pay per channel: with `totals`, the figures to reconcile against the payroll system. */
  netPayOre: Record<Channel, Ore>;
  /** Payslips changed since delivery that a plain send leaves alone (`--changed` sends them). */
  changedSinceDelivery: number;
  /** Final payslips whose preliminary version was delivered. */
  finalAfterPreliminary: number;
  /** Corrections this selection sends. */
  corrections: number;
  /** Delivered payslips it sends again (`--resend`). */
  resends: number;
  /** Payslips that failed before for data that has not changed (`failedBefore`). */
  failedBefore: number;
}

interface SelectionContext {
  /** Send asks Kivra afresh: these answers override the register's last known ones. */
  mailboxes?: ReadonlyMap<string, boolean>;
  /** Skatteverket's test numbers, checked where the company is in production. */
  isTestPersonnummer?: (personnummer: string) => boolean;
}

/** Parses the selection options as typed: usage errors name the option. */
export function parseSelectionOptions(raw: { date: string; status?: string; employees?: string; resend?: boolean; changed?: boolean }): SelectionOptions {
  const date = raw.date === 'today' || raw.date === 'latest' ? raw.date : parseIsoDate(raw.date);
  if (date === null) {
    throw new UsageError(t().select.badDate(raw.date), { code: 'invalid_option' });
  }
  const status = (raw.status ?? 'final') as StatusFilter;
  const employees = raw.employees
    ? raw.employees
        .split(',')
        .map((k) => k.trim())
        .filter((k) => k !== '')
    : null;
  if (employees !== null && employees.length === 0) throw new UsageError(t().select.noEmployeesGiven, { code: 'invalid_option' });
  if (raw.changed && raw.resend) {
    throw new UsageError(t().select.changedAndResend, { code: 'invalid_option' });
  }
  return { date: date as DateSpec, status, employees, resend: Boolean(raw.resend), changed: Boolean(raw.changed) };
}

/** The local calendar date, which is what a payroll administrator means by "today". */
export function localToday(now: Date): IsoDate {
  return formatIsoDate(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/**
 * What a send with these options would take, and where each payslip would go, with what
 * its earlier deliveries and failures make of it.
 */
export function collectSelection(db: Db, company: Company, options: SelectionOptions, today: IsoDate, context: SelectionContext = {}): Selection {
  const allRuns = listPayRuns(db, company.id);
  const payoutDate = resolvePayoutDate(options.date, options.status, allRuns, today);
  const payRuns = payoutDate === null ? [] : selectPayRuns(allRuns, payoutDate, options.status);
  const runsById = new Map(payRuns.map((r) => [r.id, r]));
  const refs = finalStands(listPayslipRefs(db, [...runsById.keys()]), (id) => runsById.get(id)!.status);
  const employees = getEmployeesByIds(db, [...new Set(refs.map((r) => r.employeeId))]);
  const wanted = options.employees ? wantedEmployees([...employees.values()], options.employees, today) : null;
  const shared = duplicatePersonnummer(db, company.id);

  const selection: Selection = {
    options,
    payoutDate,
    payRuns,
    items: [],
    totals: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
    netPayOre: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, Ore>,
    changedSinceDelivery: 0,
    finalAfterPreliminary: 0,
    corrections: 0,
    resends: 0,
    failedBefore: 0,
  };
  for (const ref of refs) {
    const employee = employees.get(ref.employeeId)!;
    if (wanted && !wanted.has(employee)) continue;
    const payRun = runsById.get(ref.payRunId)!;
    const fingerprint = documentFingerprint({ contentHash: ref.contentHash, payRun, company, employee });
    const delivery = deliveryState(ref.delivery, { status: payRun.status, fingerprint, contentHash: ref.contentHash });
    if (options.changed && delivery.kind !== 'changed') continue;
    const personnummer = employee.personnummer;
    const duplicate = personnummer !== null && shared.has(personnummer);
    const hasMailbox = personnummer !== null && context.mailboxes?.has(personnummer) ? context.mailboxes.get(personnummer)! : employee.mailbox;
    const decision = chooseChannel({ settings: company.settings, employee, delivery, duplicatePersonnummer: duplicate, hasMailbox, resend: options.resend, changed: options.changed });
    const dataFailure = decision.channel === 'fail' && DATA_FAILURES.has(decision.reason);
    const failure = dataFailure ? failureFingerprint(fingerprint, employee, duplicate) : null;
    const failedBefore = failure !== null && ref.failure?.fingerprint === failure ? { jobId: ref.failure.jobId } : null;
    selection.totals[decision.channel]++;
    selection.netPayOre[decision.channel] += ref.netPayOre;
    if (decision.reason === 'changed_since_delivery') selection.changedSinceDelivery++;
    if (decision.note === 'final_after_preliminary') selection.finalAfterPreliminary++;
    if (decision.note === 'correction') selection.corrections++;
    if (decision.note === 'resend') selection.resends++;
    if (failedBefore) selection.failedBefore++;
    selection.items.push({
      payslipId: ref.id,
      employee,
      payRun,
      netPayOre: ref.netPayOre,
      decision,
      fingerprint,
      delivery,
      replacesDeliveredAt: decision.note === 'correction' && delivery.kind === 'changed' ? delivery.deliveredAt : null,
      failureFingerprint: failure,
      failedBefore,
      testPersonnummer: personnummer !== null && (context.isTestPersonnummer?.(personnummer) ?? false),
    });
  }
  selection.items.sort((a, b) => compareEmployeeNumbers(a.employee.employeeNumber, b.employee.employeeNumber) || a.payRun.key.localeCompare(b.payRun.key));
  return selection;
}

/** `--employees`: employee numbers or personnummer, each of which must have a payslip here. */
function wantedEmployees(employees: readonly Employee[], raw: readonly string[], today: IsoDate): Set<Employee> {
  const keys = raw.map((key) => {
    const parsed = parsePersonnummer(key, today);
    return { raw: key, personnummer: parsed.ok ? parsed.value : undefined };
  });
  const match = matchEmployeeKeys(employees, keys);
  if (match.unknown.length > 0) {
    throw new UsageError(t().select.notSelected(match.unknown.join(', '), match.unknown.length), {
      code: 'employee_not_selected',
      suggestion: t().select.notSelectedFix,
    });
  }
  return match.selected;
}

/** Employee numbers are text, but payroll people expect 2 before 10. */
function compareEmployeeNumbers(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
