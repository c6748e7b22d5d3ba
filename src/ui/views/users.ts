import type { Context } from '../../context.js';
import { companyTitle } from '../../domain/format.js';
import { grantRights } from '../../domain/roles.js';
import { t } from '../../i18n/catalogue.js';
import type { OperatorWithGrants } from '../../store/operators.js';
import { describeGrant } from '../../workflows/access.js';
import { renderTable } from '../table.js';

/**
 * Who may do what where: a row per role an operator has, a company's own first, then the
 * one for every (other) company, or a row saying the operator may do nothing elsewhere.
 */
export function printOperators(ctx: Context, operators: readonly OperatorWithGrants[]): void {
  const words = t().users;
  if (operators.length === 0) {
    ctx.terminal.info(words.noOperators);
    return;
  }
  const rows = operators.flatMap(operatorRows);
  ctx.terminal.result(renderTable(ctx.terminal, [words.head.operator, words.head.company, words.head.role, words.head.rights], rows));
  if (operators.some((o) => o.grants.some((g) => g.companyId !== null))) ctx.terminal.info(words.listNote);
}

function operatorRows(operator: OperatorWithGrants): string[][] {
  const words = t().users;
  const own = operator.grants.filter((g) => g.company !== null);
  const everywhere = operator.grants.find((g) => g.company === null);
  const rows = own.map((g) => [operator.name, companyTitle(g.company!), describeGrant(g), rightsText(g)]);
  const elsewhere = own.length > 0 ? words.everyOtherCompany : words.everyCompany;
  if (everywhere) rows.push([operator.name, elsewhere, describeGrant(everywhere), rightsText(everywhere)]);
  else rows.push([operator.name, words.otherCompanies, '—', words.nothing]);
  return rows;
}

function rightsText(grant: Parameters<typeof grantRights>[0]): string {
  const rights = grantRights(grant);
  return rights.length === 0 ? t().users.nothing : rights.map((right) => t().users.right[right]).join(', ');
}
