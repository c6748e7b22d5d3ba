import type { Context } from '../../context.js';
import type { AuditEntry } from '../../store/audit.js';
import { renderTable } from '../table.js';
import { displayEmployeeKey, formatOrgNumber } from '../../domain/format.js';

export function printAudit(ctx: Context, entries: AuditEntry[]): void {
  if (entries.length === 0) {
    ctx.terminal.info('The audit trail is empty.');
    return;
  }
  const rows = entries.map((e) => [e.at.slice(0, 19).replace('T', ' '), e.operator, e.companyOrgNumber ? formatOrgNumber(e.companyOrgNumber) : '—', e.action, describe(ctx, e)]);
  ctx.terminal.result(renderTable(ctx.terminal, ['When (UTC)', 'Operator', 'Company', 'Action', 'What'], rows));
}

function describe(ctx: Context, entry: AuditEntry): string {
  const d = maskEmployeeKeys(ctx, entry.details);
  const changes = d.changes as Array<{ field: string; from: unknown; to: unknown }> | undefined;
  if (changes) {
    const text = changes.map((c) => `${c.field}: ${show(c.from)} → ${show(c.to)}`).join('; ');
    const applied = d.appliedToEmployees as { count: number } | undefined;
    return applied ? `${text}; applied to ${applied.count} employees` : text || 'created';
  }
  return Object.entries(d)
    .map(([k, v]) => `${k}: ${show(v)}`)
    .join('; ');
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A send's selection names the `--employees` keys as typed, personnummer included: masked
 * on screen like every personnummer (`log --audit --json` keeps them, as files do).
 */
function maskEmployeeKeys(ctx: Context, details: Record<string, unknown>): Record<string, unknown> {
  const selection = details.selection as { employees?: unknown } | undefined;
  if (ctx.showPersonnummer || !selection || !Array.isArray(selection.employees)) return details;
  const employees = selection.employees.map((key) => displayEmployeeKey(String(key), false, ctx.now()));
  return { ...details, selection: { ...selection, employees } };
}
