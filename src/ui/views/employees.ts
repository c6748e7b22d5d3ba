import type { Context } from '../../context.js';
import type { FlagChangeResult } from '../../workflows/employee-flags.js';
import type { Company, Employee } from '../../domain/types.js';
import { paint } from '../colour.js';
import { renderTable } from '../table.js';
import { displayPersonnummer } from '../../domain/format.js';

export function printEmployees(ctx: Context, company: Company, employees: Employee[]): void {
  const { terminal } = ctx;
  if (employees.length === 0) {
    terminal.info(`No employees match in ${company.name}'s register.`);
    return;
  }
  const yesNo = (v: boolean): string => (v ? 'yes' : 'no');
  const rows = employees.map((e) => [
    e.employeeNumber,
    `${e.firstName} ${e.lastName}`,
    e.personnummer
      ? displayPersonnummer(e.personnummer, ctx.showPersonnummer)
      : paint('warn', e.personnummerProblem === 'missing' ? 'missing' : 'invalid'),
    yesNo(e.kivra),
    yesNo(e.print),
    e.mailbox === null ? 'unknown' : e.mailbox ? 'yes' : 'no',
    e.mailboxCheckedAt ? e.mailboxCheckedAt.slice(0, 16).replace('T', ' ') : '—',
    e.address.street && e.address.postalCode && e.address.city ? 'yes' : paint('warn', 'incomplete'),
  ]);
  terminal.result(renderTable(terminal, ['No.', 'Name', 'Personnummer', 'Kivra', 'Print', 'Mailbox', 'Checked', 'Address'], rows));
  terminal.info(`${employees.length} employee${employees.length === 1 ? '' : 's'}.`);
}

export function printFlagChange(ctx: Context, result: FlagChangeResult): void {
  const flags = Object.entries(result.flags)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${v ? 'on' : 'off'}`)
    .join(', ');
  ctx.terminal.success(`${flags}: ${result.changed.length} changed, ${result.unchanged} already so.`);
  for (const c of result.changed) ctx.terminal.result(`${c.employeeNumber}  ${c.name}`);
}
