import type { Context } from '../../context.js';
import type { CompanyDetailProblem } from '../../domain/contact.js';
import { companyTitle } from '../../domain/format.js';
import type { SettingChange } from '../../domain/settings.js';
import type { Company } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { textProblemText } from '../../i18n/data.js';
import { count, onOffText } from '../../i18n/locale.js';
import type { describeBlocker } from '../../i18n/readiness.js';
import { paint } from '../colour.js';

export interface ActivationOutcome {
  company: Company;
  created: boolean;
  changes: SettingChange[];
  employeesUpdated: number;
  credentialsFile: string | null;
  readyToSend: boolean;
  blockers: Array<ReturnType<typeof describeBlocker>>;
}

/** A company as the summary shows it: saved, or as it will be saved. */
type Shown = Omit<Company, 'id'>;

/** What the wizard will save, shown before it asks to save. */
export interface ActivationPreview {
  company: Shown;
  created: boolean;
  changes: SettingChange[];
  /** Employees in the register and whether the changed flag is applied to them; null when not asked. */
  applyToEmployees: { count: number; apply: boolean } | null;
  credentialsFile: string | null;
}

/** `--email`'s or the wizard's refusal of a company detail, in the run's words. */
export function companyDetailText(problem: CompanyDetailProblem): string {
  const words = t().activate.detailProblem;
  switch (problem.kind) {
    case 'length':
      return words.text(textProblemText(problem));
    case 'character':
      return words.character(textProblemText(problem));
    default:
      return words[problem.kind];
  }
}

/** The changed fields, named as a person reads them: `licence, send payslips`. */
export function changedFields(changes: readonly SettingChange[]): string {
  const names: Record<string, string> = t().activate.field;
  return changes.map((c) => names[c.field] ?? c.field).join(', ');
}

/** What was saved; `table: false` after the wizard, whose summary already showed every setting. */
export function printActivation(ctx: Context, outcome: ActivationOutcome, { table = true }: { table?: boolean } = {}): void {
  const words = t().activate;
  const { company } = outcome;
  const { terminal } = ctx;
  const title = companyTitle(company);
  terminal.success(
    outcome.created ? words.created(title) : outcome.changes.length > 0 ? words.updated(title, changedFields(outcome.changes)) : words.unchanged(title),
  );
  if (outcome.employeesUpdated > 0) terminal.info(words.appliedTo(outcome.employeesUpdated, count(outcome.employeesUpdated)));
  if (outcome.credentialsFile) terminal.info(words.credentialsRemembered(outcome.credentialsFile));
  if (table) terminal.result(summaryRows(company, []));
  if (outcome.readyToSend) {
    terminal.info(paint('success', words.ready));
  } else {
    terminal.info(paint('warn', words.notReady));
    for (const b of outcome.blockers) terminal.info(`  - ${b.message}: ${b.fix}`);
  }
}

/** The wizard's summary before saving: every setting as it will be, the changed ones with what they were. */
export function printActivationPreview(ctx: Context, preview: ActivationPreview): void {
  const words = t().wizard;
  const { terminal } = ctx;
  terminal.info(paint('bold', words.summary(companyTitle(preview.company), preview.created)));
  terminal.info(summaryRows(preview.company, preview.created ? [] : preview.changes));
  if (!preview.created && preview.changes.length === 0) terminal.info(words.nothingChanges);
  if (preview.applyToEmployees) terminal.info(words.summaryApply(preview.applyToEmployees.count, preview.applyToEmployees.apply));
  if (preview.credentialsFile) terminal.info(words.summaryCredentials(preview.credentialsFile));
}

type Row = [label: string, value: string, fields: readonly string[]];

function summaryRows(company: Shown, changes: readonly SettingChange[]): string {
  const words = t().activate;
  const label = words.label;
  const s = company.settings;
  const address = [company.address.street, [company.address.postalCode, company.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const environment = t().common.environment[s.environment];
  const rows: Row[] = [
    [label.company, companyTitle(company), ['name']],
    [label.address, address || words.none, ['street', 'postalCode', 'city']],
    [label.email, company.email ?? words.none, ['email']],
    [label.phone, company.phone ?? words.none, ['phone']],
    [label.licence, onOffText(s.licence), ['licence']],
    [label.environment, s.apiUrl ? `${environment} (${s.apiUrl})` : environment, ['environment', 'apiUrl']],
    [label.tenantKey, s.tenantKey ?? words.none, ['tenantKey']],
    [label.retentionDays, s.retentionDays === 0 ? words.noRetain(0) : words.days(s.retentionDays), ['retentionDays']],
    [label.contentType, s.contentType, ['contentType']],
    [label.sendPayslips, onOffText(s.sendPayslips), ['sendPayslips']],
    [label.printHandling, s.printHandling ? words.printOn : onOffText(false), ['printHandling']],
    [label.active, onOffText(s.active), ['active']],
    [label.template, s.templateDir ?? words.defaultTemplate, ['templateDir']],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  return rows
    .map(([k, v, fields]) => {
      const before = changes.filter((c) => fields.includes(c.field));
      return `${k.padEnd(width)}  ${v}${before.length > 0 ? `  ${words.was(before.map((c) => settingValueText(c.field, c.from, words.none)).join(', '))}` : ''}`;
    })
    .join('\n');
}

/**
 * A setting's value as the person set it: on/off, the environment's name, `none` for no
 * value. The activation summary's old values and the audit trail's changes.
 */
export function settingValueText(field: string, value: unknown, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'boolean') return onOffText(value);
  if (field === 'environment' && (value === 'production' || value === 'sandbox' || value === 'local')) return t().common.environment[value];
  return String(value);
}
