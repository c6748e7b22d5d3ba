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
import { listPayRuns, listPayslipEmployeeIds, listPayslipRefs, type PayslipRef } from '../store/payroll.js';

export interface PlannedPayslip<E extends SelectedEmployee = Employee> {
  payslipId: number;
  employee: E;
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

export interface Selection<E extends SelectedEmployee = Employee> {
  options: SelectionOptions;
  /** Null when `latest` found no pay run with that status. */
  payoutDate: IsoDate | null;
  payRuns: PayRun[];
  items: Array<PlannedPayslip<E>>;
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
 * The employee fields a planned payslip keeps where the whole record is not needed: who
 * it is, and what a failure for a personnummer says (`collectSendSelection`).
 */
export type SelectedEmployee = Pick<Employee, 'id' | 'employeeNumber' | 'firstName' | 'lastName' | 'personnummer' | 'personnummerInput' | 'personnummerProblem' | 'personnummerReason'>;

/** Employees whose payslips are planned together: their records are loaded a chunk at a time. */
const EMPLOYEES_PER_CHUNK = 500;

/**
 * What a send with these options would take, and where each payslip would go, with what
 * its earlier deliveries and failures make of it.
 */
export function collectSelection(db: Db, company: Company, options: SelectionOptions, today: IsoDate, context: SelectionContext = {}): Selection {
  return gatherSelection(planPayslips(db, company, options, today, context, (employee) => employee));
}

/**
 * `collectSelection` for a send's plan, where a large employer's selection is held until
 * the job's items are written: each payslip keeps only the employee fields that show it
 * and its failure (`SelectedEmployee`), and the whole records are read a chunk at a time
 * and let go, so the plan of 50,000 payslips is not 50,000 employee records.
 */
export function collectSendSelection(db: Db, company: Company, options: SelectionOptions, today: IsoDate, context: SelectionContext = {}): Selection<SelectedEmployee> {
  return gatherSelection(planPayslips(db, company, options, today, context, selectedEmployee));
}

function selectedEmployee(e: Employee): SelectedEmployee {
  return {
    id: e.id,
    employeeNumber: e.employeeNumber,
    firstName: e.firstName,
    lastName: e.lastName,
    personnummer: e.personnummer,
    personnummerInput: e.personnummerInput,
    personnummerProblem: e.personnummerProblem,
    personnummerReason: e.personnummerReason,
  };
}

/**
 * A send's plan for a selection of any size: the selection's totals and counts, and each
 * payslip reduced by `reduce` to what the job needs, in the selection's order. The
 * selection's items are planned again only when something reads them (`items` is a
 * getter: the plan shown on a terminal, `--details`), so an unattended send of a large
 * employer never holds every payslip with its employee. What is alive at V8's last full
 * collection in planning sizes the heap the delivery loop may fill before its first one
 * (BENCHMARKS.md, memory).
 */
export function planSend<T>(
  db: Db,
  company: Company,
  options: SelectionOptions,
  today: IsoDate,
  context: SelectionContext,
  reduce: (item: PlannedPayslip<SelectedEmployee>) => T,
): { selection: Selection<SelectedEmployee>; entries: T[] } {
  const plan = planPayslips(db, company, options, today, context, selectedEmployee);
  const selection = emptySelection<SelectedEmployee>(plan);
  const keyed: Array<{ employeeNumber: string; payRunKey: string; entry: T }> = [];
  for (const item of plan.items) {
    countItem(selection, item);
    keyed.push({ employeeNumber: item.employee.employeeNumber, payRunKey: item.payRun.key, entry: reduce(item) });
  }
  keyed.sort(selectionOrder((k) => k.employeeNumber, (k) => k.payRunKey));
  let items: Array<PlannedPayslip<SelectedEmployee>> | undefined;
  Object.defineProperty(selection, 'items', { enumerable: true, get: () => (items ??= collectSendSelection(db, company, options, today, context).items) });
  return { selection, entries: keyed.map((k) => k.entry) };
}

function emptySelection<E extends SelectedEmployee>(plan: PlannedPayslips<E>): Selection<E> {
  return {
    options: plan.options,
    payoutDate: plan.payoutDate,
    payRuns: plan.payRuns,
    items: [],
    totals: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>,
    netPayOre: Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, Ore>,
    changedSinceDelivery: 0,
    finalAfterPreliminary: 0,
    corrections: 0,
    resends: 0,
    failedBefore: 0,
  };
}

function countItem(selection: Selection<SelectedEmployee>, item: PlannedPayslip<SelectedEmployee>): void {
  const { decision } = item;
  selection.totals[decision.channel]++;
  selection.netPayOre[decision.channel] += item.netPayOre;
  if (decision.reason === 'changed_since_delivery') selection.changedSinceDelivery++;
  if (decision.note === 'final_after_preliminary') selection.finalAfterPreliminary++;
  if (decision.note === 'correction') selection.corrections++;
  if (decision.note === 'resend') selection.resends++;
  if (item.failedBefore) selection.failedBefore++;
}

function gatherSelection<E extends SelectedEmployee>(plan: PlannedPayslips<E>): Selection<E> {
  const selection = emptySelection(plan);
  for (const item of plan.items) {
    countItem(selection, item);
    selection.items.push(item);
  }
  selection.items.sort(selectionOrder((i) => i.employee.employeeNumber, (i) => i.payRun.key));
  return selection;
}

export interface PlannedPayslips<E extends SelectedEmployee> {
  options: SelectionOptions;
  /** Null when `latest` found no pay run with that status. */
  payoutDate: IsoDate | null;
  payRuns: PayRun[];
  /** Each payslip of the selection, planned as it is read, in no particular order. */
  items: Iterable<PlannedPayslip<E>>;
}

/**
 * Plans the selection's payslips a chunk of employees at a time: only a chunk's payslip
 * references and employee records are in memory at once, and each planned payslip keeps
 * of its employee what `keep` makes of the record. `--employees` that match nobody are
 * refused here, before any payslip is planned.
 */
export function planPayslips<E extends SelectedEmployee>(
  db: Db,
  company: Company,
  options: SelectionOptions,
  today: IsoDate,
  context: SelectionContext,
  keep: (employee: Employee) => E,
): PlannedPayslips<E> {
  const allRuns = listPayRuns(db, company.id);
  const payoutDate = resolvePayoutDate(options.date, options.status, allRuns, today);
  const payRuns = payoutDate === null ? [] : selectPayRuns(allRuns, payoutDate, options.status);
  const runsById = new Map(payRuns.map((r) => [r.id, r]));
  const runIds = [...runsById.keys()];
  let employeeIds = listPayslipEmployeeIds(db, runIds);
  if (options.employees) {
    const wanted = wantedEmployees([...getEmployeesByIds(db, employeeIds).values()], options.employees, today);
    employeeIds = employeeIds.filter((id) => wanted.has(id));
  }
  const shared = duplicatePersonnummer(db, company.id);

  const items = function* (): Generator<PlannedPayslip<E>> {
    for (let start = 0; start < employeeIds.length; start += EMPLOYEES_PER_CHUNK) {
      const chunk = employeeIds.slice(start, start + EMPLOYEES_PER_CHUNK);
      // Whether an employee has a final payslip is decided among their own payslips, all in this chunk.
      const refs = finalStands(listPayslipRefs(db, runIds, chunk), (id) => runsById.get(id)!.status);
      const employees = getEmployeesByIds(db, chunk);
      for (const ref of refs) {
        const item = planPayslip(ref, employees.get(ref.employeeId)!, runsById.get(ref.payRunId)!);
        if (!options.changed || item.delivery.kind === 'changed') yield item;
      }
    }
  };
  const planPayslip = (ref: PayslipRef, employee: Employee, payRun: PayRun): PlannedPayslip<E> => {
    const fingerprint = documentFingerprint({ contentHash: ref.contentHash, payRun, company, employee });
    const delivery = deliveryState(ref.delivery, { status: payRun.status, fingerprint, contentHash: ref.contentHash });
    const personnummer = employee.personnummer;
    const duplicate = personnummer !== null && shared.has(personnummer);
    const hasMailbox = personnummer !== null && context.mailboxes?.has(personnummer) ? context.mailboxes.get(personnummer)! : employee.mailbox;
    const decision = chooseChannel({ settings: company.settings, employee, delivery, duplicatePersonnummer: duplicate, hasMailbox, resend: options.resend, changed: options.changed });
    const dataFailure = decision.channel === 'fail' && DATA_FAILURES.has(decision.reason);
    const failure = dataFailure ? failureFingerprint(fingerprint, employee, duplicate) : null;
    const failedBefore = failure !== null && ref.failure?.fingerprint === failure ? { jobId: ref.failure.jobId } : null;
    return {
      payslipId: ref.id,
      employee: keep(employee),
      payRun,
      netPayOre: ref.netPayOre,
      decision,
      fingerprint,
      delivery,
      replacesDeliveredAt: decision.note === 'correction' && delivery.kind === 'changed' ? delivery.deliveredAt : null,
      failureFingerprint: failure,
      failedBefore,
      testPersonnummer: personnummer !== null && (context.isTestPersonnummer?.(personnummer) ?? false),
    };
  };
  return {
    options,
    payoutDate,
    payRuns,
    items: { [Symbol.iterator]: items },
  };
}

/** `--employees`: employee numbers or personnummer, each of which must have a payslip here. */
function wantedEmployees(employees: readonly Employee[], raw: readonly string[], today: IsoDate): Set<number> {
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
  return new Set([...match.selected].map((e) => e.id));
}

/**
 * A selection's order, the same for a send's plan and for what `select` shows: by employee
 * number, then pay run. Employee numbers are text, but payroll people expect 2 before 10.
 */
function selectionOrder<T>(employeeNumber: (item: T) => string, payRunKey: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const x = employeeNumber(a);
    const y = employeeNumber(b);
    return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0) || payRunKey(a).localeCompare(payRunKey(b));
  };
}
