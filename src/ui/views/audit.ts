import type { Context } from '../../context.js';
import { ROLES, type Right, type Role } from '../../domain/roles.js';
import { t, type Catalogue } from '../../i18n/catalogue.js';
import { count, localTime } from '../../i18n/locale.js';
import type { AuditEntry } from '../../store/audit.js';
import { renderTable } from '../table.js';
import { settingValueText } from './activation.js';
import { flagsText } from './employees.js';
import { describeJobSelection, formatTotals } from './jobs.js';
import { displayEmployeeKey, formatOrgNumber } from '../../domain/format.js';

export function printAudit(ctx: Context, entries: AuditEntry[]): void {
  const words = t().audit;
  if (entries.length === 0) {
    ctx.terminal.info(words.empty);
    return;
  }
  const rows = entries.map((e) => [
    localTime(e.at),
    e.operator,
    e.companyOrgNumber ? formatOrgNumber(e.companyOrgNumber) : '—',
    actionName(e.action),
    describeAuditEntry(ctx, e) || '—',
  ]);
  const head = words.head;
  ctx.terminal.result(renderTable(ctx.terminal, [head.when, head.operator, head.company, head.action, head.what], rows));
}

/**
 * An entry in `log --audit --json`: as recorded, without the trail's row id, and with a
 * send job named `jobId` as everywhere else in `--json` (the trail stores it as `job`).
 */
export function auditJson(entry: AuditEntry) {
  const { id: _id, details, ...rest } = entry;
  const { job, ...other } = details;
  return { ...rest, details: typeof job === 'number' ? { jobId: job, ...other } : details };
}

type Action = keyof Catalogue['audit']['action'];

/** `company.create` is the catalogue's `company_create`: a key with a dot would read as a path. */
function actionName(action: string): string {
  const key = action.replaceAll('.', '_');
  return Object.hasOwn(t().audit.action, key) ? t().audit.action[key as Action] : humanise(action);
}

/** What an entry did, in words: each action its own sentence, anything else read out plainly. */
export function describeAuditEntry(ctx: Context, entry: AuditEntry): string {
  const words = t().audit;
  const d = entry.details;
  const job = String(d.job ?? '');
  switch (entry.action) {
    case 'sync':
      return describeImport(d);
    case 'company.create':
    case 'company.update':
      return describeCompanyChanges(d);
    case 'operator.bootstrap':
      return words.bootstrap(String(d.name), roleName(d.role));
    case 'operator.role':
      return words.roleGiven(String(d.name), d.from === null || d.from === undefined ? words.newOperator : roleName(d.from, d.previouslyWithout), roleName(d.to, d.without));
    case 'operator.remove':
      return words.removed(String(d.name), roleName(d.role));
    case 'employees.flags':
      return words.flags(describeFlags(d.flags), shortList(Array.isArray(d.employees) ? d.employees.map(String) : []));
    case 'send.start':
      return words.sendStarted(job, describeJobSelection(ctx, record(d.selection)), formatPlanned(record(d.planned)));
    case 'send.finish':
      return words.sendFinished(job, jobStatusName(d.status), formatTotals(numbers(d.totals)));
    case 'log.csv':
      return words.csvWritten(job, String(d.path));
    case 'doctor.fix':
      // The findings' messages were stored in English; doctor's words are its own area's.
      return words.fixed(Array.isArray(d.fixed) ? d.fixed.map((f) => String(record(f).message ?? record(f).code)).join('; ') : '');
    default:
      return readable(maskEmployeeKeys(ctx, d));
  }
}

function describeImport(d: Record<string, unknown>): string {
  const words = t().audit;
  const counts = (value: unknown): string => {
    const c = numbers(value);
    const kinds = (['added', 'updated', 'unchanged'] as const).filter((kind) => (c[kind] ?? 0) > 0);
    return kinds.length === 0 ? words.counts.unchanged(count(0)) : kinds.map((kind) => words.counts[kind](count(c[kind]!))).join(', ');
  };
  const parts = [words.imported(counts(d.employees), counts(d.payRuns), counts(d.payslips))];
  const changed = numbers(d.payslips).changedSinceDelivery ?? 0;
  if (changed > 0) parts.push(words.changedSinceDelivery(count(changed)));
  const result = record(d.company).result;
  if (result === 'added') parts.unshift(words.companyAdded);
  if (result === 'updated') parts.unshift(words.companyUpdated);
  return parts.join('; ');
}

function describeCompanyChanges(d: Record<string, unknown>): string {
  const words = t().audit;
  const changes = Array.isArray(d.changes) ? d.changes.map(record) : [];
  const parts = changes.map((c) => {
    const field = String(c.field);
    return words.change(fieldName(field), settingValueText(field, c.from, '—'), settingValueText(field, c.to, '—'));
  });
  if (d.appliedToEmployees !== undefined) {
    const applied = record(d.appliedToEmployees);
    const n = Number(applied.count ?? 0);
    parts.push(words.appliedToEmployees(t().common.employees(n, count(n)), describeFlags(applied)));
  }
  return parts.join('; ');
}

function fieldName(field: string): string {
  const names: Record<string, string> = t().audit.field;
  return Object.hasOwn(names, field) ? names[field]! : humanise(field);
}

function describeFlags(value: unknown): string {
  return flagsText(record(value));
}

function formatPlanned(planned: Record<string, unknown>): string {
  const channels: Record<string, string> = t().common.channel;
  return Object.entries(planned)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([channel, n]) => `${channels[channel] ?? channel} ${String(n)}`)
    .join(', ') || t().log.nothing;
}

/** A role in words; with rights withheld (`users add --without`), "payroll administrator without send". */
function roleName(role: unknown, without?: unknown): string {
  const name = ROLES.includes(role as Role) ? t().audit.role[role as Role] : String(role);
  const rights = Array.isArray(without) ? without.map((r) => (Object.hasOwn(t().users.right, String(r)) ? t().users.right[r as Right] : String(r))) : [];
  return rights.length === 0 ? name : t().users.roleWithout(name, t().common.andList(rights));
}

function jobStatusName(status: unknown): string {
  const names: Record<string, string> = t().log.jobStatus;
  return typeof status === 'string' && Object.hasOwn(names, status) ? names[status]! : String(status);
}

/** At most ten employee numbers, then how many more: `employees set --all` names thousands. */
function shortList(items: string[]): string {
  if (items.length <= 10) return items.join(', ');
  return `${items.slice(0, 10).join(', ')} ${t().audit.andMore(count(items.length - 10))}`;
}

/**
 * Details of an action this version has no sentence for (a newer version wrote it, say):
 * read out as `field value, field value`, the field names in words, never as JSON.
 */
function readable(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t().common.yes : t().common.no;
  if (Array.isArray(value)) return value.map(readable).join(', ');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([key, v]) => `${humanise(key)} ${readable(v)}`)
      .join('; ');
  }
  return String(value);
}

/** `appliedToEmployees` → `applied to employees`, `send.start` → `send start`. */
function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[._]+/g, ' ')
    .toLowerCase();
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function numbers(value: unknown): Record<string, number> {
  return Object.fromEntries(Object.entries(record(value)).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/**
 * A send's selection names the `--employees` keys as typed, personnummer included: masked
 * on screen like every personnummer (`log --audit --json` keeps them, as files do). The
 * send's own sentence masks them through `describeJobSelection`; this is for the rest.
 */
function maskEmployeeKeys(ctx: Context, details: Record<string, unknown>): Record<string, unknown> {
  const selection = details.selection as { employees?: unknown } | undefined;
  if (ctx.showPersonnummer || !selection || !Array.isArray(selection.employees)) return details;
  const employees = selection.employees.map((key) => displayEmployeeKey(String(key), false, ctx.now()));
  return { ...details, selection: { ...selection, employees } };
}
