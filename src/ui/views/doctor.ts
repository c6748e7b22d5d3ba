import type { Context } from '../../context.js';
import type { DoctorReport } from '../../workflows/doctor.js';

/** The doctor's findings: one line each, with what to do underneath. */
export function printDoctor(ctx: Context, report: DoctorReport): void {
  const { terminal } = ctx;
  const { palette } = terminal;
  const lines = [`Database ${report.database} (schema ${report.schemaVersion ?? 'unknown'}; this version knows ${report.knownSchemaVersion})`];
  for (const c of report.checks) if (c.ok) lines.push(`${palette.success('✔')} ${c.name}`);
  for (const f of report.findings) {
    const mark = f.fixed ? palette.success('fixed') : f.severity === 'problem' ? palette.error('✘') : palette.dim('·');
    lines.push(`${mark} ${f.message}`);
    for (const detail of f.details ?? []) lines.push(`    ${detail}`);
    if (!f.fixed) lines.push(`    ${palette.dim('fix:')} ${f.fix}`);
  }
  const problems = report.findings.filter((f) => f.severity === 'problem' && !f.fixed).length;
  lines.push(problems === 0 ? 'No problems found.' : `${problems} problem${problems === 1 ? '' : 's'} found.`);
  terminal.result(lines.join('\n'));
}
