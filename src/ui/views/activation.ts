import type { Context } from '../../context.js';
import type { SettingChange } from '../../domain/settings.js';
import type { describeBlocker } from '../../i18n/readiness.js';
import type { Company } from '../../domain/types.js';
import { paint } from '../colour.js';
import { formatOrgNumber } from '../../domain/format.js';

export interface ActivationOutcome {
  company: Company;
  created: boolean;
  changes: SettingChange[];
  employeesUpdated: number;
  credentialsFile: string | null;
  readyToSend: boolean;
  blockers: Array<ReturnType<typeof describeBlocker>>;
}

const onOff = (value: boolean): string => (value ? 'on' : 'off');

export function printActivation(ctx: Context, outcome: ActivationOutcome): void {
  const { company } = outcome;
  const s = company.settings;
  const { terminal } = ctx;
  terminal.success(
    outcome.created
      ? `Created ${company.name} (${formatOrgNumber(company.orgNumber)}).`
      : outcome.changes.length > 0
        ? `Updated ${company.name} (${formatOrgNumber(company.orgNumber)}): ${outcome.changes.map((c) => c.field).join(', ')}.`
        : `${company.name} (${formatOrgNumber(company.orgNumber)}) is unchanged.`,
  );
  if (outcome.employeesUpdated > 0) terminal.info(`Applied to ${outcome.employeesUpdated} employees in the register.`);
  if (outcome.credentialsFile) terminal.info(`Kivra credentials remembered in ${outcome.credentialsFile} (readable by you only).`);
  const address = [company.address.street, [company.address.postalCode, company.address.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const rows: Array<[string, string]> = [
    ['Company', `${company.name} (${formatOrgNumber(company.orgNumber)})`],
    ['Address', address || '—'],
    ['Licence', onOff(s.licence)],
    ['Environment', s.apiUrl ? `${s.environment} (${s.apiUrl})` : s.environment],
    ['Tenant key', s.tenantKey ?? '—'],
    ['Retention days', s.retentionDays === 0 ? '0 (no retain)' : String(s.retentionDays)],
    ['Content type', s.contentType],
    ['Send payslips', onOff(s.sendPayslips)],
    ['Print handling', onOff(s.printHandling)],
    ['Active', onOff(s.active)],
    ['Template', s.templateDir ?? 'default'],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  terminal.result(rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n'));
  if (outcome.readyToSend) {
    terminal.info(paint('success', 'Ready to send payslips.'));
  } else {
    terminal.info(paint('warn', 'Not ready to send yet:'));
    for (const b of outcome.blockers) terminal.info(`  - ${b.message}: ${b.fix}`);
  }
}
