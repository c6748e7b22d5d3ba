import type { Context } from '../../context.js';
import type { DoctorReport } from '../../workflows/doctor.js';
import { paint, type Painted } from '../colour.js';

/** The doctor's findings: one line each, with what to do underneath. */
export function printDoctor(ctx: Context, report: DoctorReport): void {
  const lines: Array<Array<string | Painted>> = [[`Database ${report.database} (schema ${report.schemaVersion ?? 'unknown'}; this version knows ${report.knownSchemaVersion})`]];
  for (const c of report.checks) if (c.ok) lines.push([paint('success', '✔'), ` ${c.name}`]);
  for (const f of report.findings) {
    const mark = f.fixed ? paint('success', 'fixed') : f.severity === 'problem' ? paint('error', '✘') : paint('dim', '·');
    lines.push([mark, ` ${f.message}`]);
    for (const detail of f.details ?? []) lines.push([`    ${detail}`]);
    if (!f.fixed) lines.push(['    ', paint('dim', 'fix:'), ` ${f.fix}`]);
  }
  const problems = report.findings.filter((f) => f.severity === 'problem' && !f.fixed).length;
  lines.push([problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found.`]);
  ctx.terminal.result(lines.flatMap((line, index) => (index === 0 ? line : ['\n', ...line])));
}
