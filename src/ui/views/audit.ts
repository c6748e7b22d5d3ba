import type { Context } from '../../context.js';
import type { AuditEntry } from '../../store/audit.js';
import { formatOrgNumber } from '../format.js';
import { renderTable } from '../table.js';

export function printAudit(ctx: Context, entries: AuditEntry[]): void {
  if (entries.length === 0) {
    ctx.terminal.info('The audit trail is empty.');
    return;
  }
  const rows = entries.map((e) => [e.at.slice(0, 19).replace('T', ' '), e.operator, e.companyOrgNumber ? formatOrgNumber(e.companyOrgNumber) : '—', e.action, describe(e)]);
  ctx.terminal.result(renderTable(ctx.terminal, ['When (UTC)', 'Operator', 'Company', 'Action', 'What'], rows));
}

function describe(entry: AuditEntry): string {
  const d = entry.details;
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
