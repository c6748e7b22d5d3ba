import type { Context } from '../../context.js';
import { formatOrgNumber } from '../../domain/format.js';
import { t } from '../../i18n/catalogue.js';
import { count, localTime } from '../../i18n/locale.js';
import { blockerMessage, describeBlocker } from '../../i18n/readiness.js';
import type { CompanyOverview } from '../../workflows/company-overview.js';
import { paint, type Painted } from '../colour.js';
import { renderTable } from '../table.js';
import { mark } from './jobs.js';

/** At most this many pay runs in the table cell; --json has them all. */
const SHOWN_PAY_RUNS = 3;

export function printCompanies(ctx: Context, companies: CompanyOverview[]): void {
  const words = t().companies;
  if (companies.length === 0) {
    ctx.terminal.info(words.none);
    ctx.terminal.info(paint('dim', words.noneFix));
    return;
  }
  const rows = companies.map(({ company, blockers, lastJob, notSent }): Array<string | Painted | Array<string | Painted>> => {
    const { environment } = company.settings;
    const environmentName = t().common.environment[environment];
    const shown = notSent.slice(0, SHOWN_PAY_RUNS).map((run) => words.payRunNotSent(run.payoutDate, t().common.payslips(run.totals.notSent, count(run.totals.notSent))));
    if (notSent.length > SHOWN_PAY_RUNS) shown.push(words.andMore(count(notSent.length - SHOWN_PAY_RUNS)));
    return [
      formatOrgNumber(company.orgNumber),
      company.name,
      // A send there reaches real employees: it must not look like the others.
      environment === 'production' ? paint('error', environmentName) : environmentName,
      blockers.length === 0 ? paint('success', `✔ ${words.ready}`) : paint('warn', blockers.map(blockerMessage).join('; ')),
      lastJob === null ? '—' : [mark(lastJob), ` ${words.lastSend(localTime(lastJob.finishedAt ?? lastJob.startedAt), String(lastJob.id))}`],
      shown.length === 0 ? '—' : shown.join(', '),
    ];
  });
  const h = words.head;
  ctx.terminal.result(renderTable(ctx.terminal, [h.orgNumber, h.name, h.environment, h.ready, h.lastSend, h.notSent], rows));
}

/** `companies list --json` (docs/json.md). */
export function companiesJson(companies: CompanyOverview[]) {
  return {
    companies: companies.map(({ company, blockers, lastJob, notSent }) => ({
      orgNumber: company.orgNumber,
      name: company.name,
      environment: company.settings.environment,
      readyToSend: blockers.length === 0,
      blockers: blockers.map(describeBlocker),
      lastSend:
        lastJob === null
          ? null
          : { jobId: lastJob.id, status: lastJob.status, ok: lastJob.ok, startedAt: lastJob.startedAt, finishedAt: lastJob.finishedAt },
      payRunsNotSent: notSent.map((run) => ({ payRun: run.payRun, payoutDate: run.payoutDate, status: run.status, notSent: run.totals.notSent })),
    })),
  };
}
