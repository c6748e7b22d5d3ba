import type { Context } from '../../context.js';
import type { FlagChangeResult } from '../../workflows/employee-flags.js';
import type { Company, Employee } from '../../domain/types.js';
import { t } from '../../i18n/catalogue.js';
import { count, localTime, onOffText } from '../../i18n/locale.js';
import { paint, type Painted } from '../colour.js';
import { renderTable } from '../table.js';
import { displayPersonnummer } from '../../domain/format.js';

/** An employee in `--json` (employees list, employees show): the register entry, without its row ids. */
export function employeeJson(e: Employee) {
  const { id: _id, companyId: _companyId, ...entry } = e;
  return entry;
}

/** The personnummer cell: masked unless asked, or what is wrong with it. */
export function personnummerCell(ctx: Context, e: Employee): string | Painted {
  const words = t().employees;
  if (e.personnummer) return displayPersonnummer(e.personnummer, ctx.showPersonnummer);
  return paint('warn', e.personnummerProblem === 'missing' ? words.personnummerMissing : words.personnummerInvalid);
}

export function mailboxText(mailbox: boolean | null): string {
  return mailbox === null ? t().employees.mailboxUnknown : yesNo(mailbox);
}

export function addressComplete(e: Employee): boolean {
  return Boolean(e.address.street && e.address.postalCode && e.address.city);
}

const yesNo = (v: boolean): string => (v ? t().common.yes : t().common.no);

export function printEmployees(ctx: Context, company: Company, employees: Employee[]): void {
  const { terminal } = ctx;
  const words = t().employees;
  if (employees.length === 0) {
    terminal.info(words.noneMatch(company.name));
    return;
  }
  const rows = employees.map((e) => [
    e.employeeNumber,
    `${e.firstName} ${e.lastName}`,
    personnummerCell(ctx, e),
    yesNo(e.kivra),
    yesNo(e.print),
    mailboxText(e.mailbox),
    e.mailboxCheckedAt ? localTime(e.mailboxCheckedAt) : '—',
    addressComplete(e) ? words.addressComplete : paint('warn', words.addressIncomplete),
  ]);
  const head = words.head;
  terminal.result(renderTable(terminal, [head.number, head.name, head.personnummer, head.kivra, head.print, head.mailbox, head.checked, head.address], rows));
  terminal.info(words.count(employees.length, count(employees.length)));
}

/** `Kivra on, print off`: the register flags given (a boolean each), in words. */
export function flagsText(flags: Partial<Record<'kivra' | 'print', unknown>>): string {
  const words = t().employees;
  return (['kivra', 'print'] as const)
    .filter((flag) => typeof flags[flag] === 'boolean')
    .map((flag) => `${words.flag[flag]} ${onOffText(flags[flag] as boolean)}`)
    .join(', ');
}

export function printFlagChange(ctx: Context, result: FlagChangeResult): void {
  const words = t().employees;
  ctx.terminal.success(words.changed(flagsText(result.flags), count(result.changed.length), count(result.unchanged)));
  for (const c of result.changed) ctx.terminal.result(`${c.employeeNumber}  ${c.name}`);
}
