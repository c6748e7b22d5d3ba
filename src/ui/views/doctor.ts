import type { Context } from '../../context.js';
import { t } from '../../i18n/catalogue.js';
import { count } from '../../i18n/locale.js';
import type { DoctorReport } from '../../workflows/doctor.js';
import { paint, type Painted } from '../colour.js';

/** The doctor's findings: one line each, with what to do underneath. */
export function printDoctor(ctx: Context, report: DoctorReport): void {
  const words = t().doctor;
  const version = report.schemaVersion === null ? words.unknownVersion : String(report.schemaVersion);
  const lines: Array<Array<string | Painted>> = [[words.header(report.database, version, report.knownSchemaVersion)]];
  for (const c of report.checks) if (c.ok) lines.push([paint('success', '✔'), ` ${words.check[c.name]}`]);
  for (const f of report.findings) {
    const mark = f.fixed ? paint('success', words.fixed) : f.severity === 'problem' ? paint('error', '✘') : paint('dim', '·');
    lines.push([mark, ` ${f.message}`]);
    for (const detail of f.details ?? []) lines.push([`    ${detail}`]);
    if (!f.fixed) lines.push(['    ', paint('dim', words.fixLabel), ` ${f.fix}`]);
  }
  const problems = report.findings.filter((f) => f.severity === 'problem' && !f.fixed).length;
  lines.push([problems === 0 ? words.noProblems : words.problemsFound(problems, count(problems))]);
  ctx.terminal.result(lines.flatMap((line, index) => (index === 0 ? line : ['\n', ...line])));
}
