import type { Context } from '../../context.js';
import { reasonText } from '../../i18n/reasons.js';
import type { Preview } from '../../workflows/preview.js';
import { displayPersonnummer } from '../../domain/format.js';

/** `--json`: the administrator's record of what was rendered, personnummer in full. */
export function previewJson(preview: Preview, file: string | null) {
  const { employee, payRun } = preview.doc;
  return {
    file,
    variant: preview.variant,
    bytes: preview.pdf.length,
    pages: preview.pages,
    sha256: preview.sha256,
    kivraFileName: preview.kivraFileName,
    employee: { employeeNumber: employee.employeeNumber, name: `${employee.firstName} ${employee.lastName}`, personnummer: employee.personnummer },
    payRun: { id: payRun.key, payoutDate: payRun.payoutDate, status: payRun.status, periodStart: payRun.periodStart, periodEnd: payRun.periodEnd },
    plannedChannel: preview.plan.channel,
    reason: preview.plan.reason,
    payload: preview.payload,
  };
}

/** `1 000 kB`: rounded up, so a file just over a limit never reads as at it. */
function kilobytes(bytes: number): string {
  return `${String(Math.ceil(bytes / 1000)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} kB`;
}

/** Messages on stderr: where the file went, and what a send would do with this payslip. */
export function printPreview(ctx: Context, preview: Preview, file: string | null): void {
  const { terminal } = ctx;
  const { employee, payRun } = preview.doc;
  const who = `${employee.employeeNumber} ${employee.firstName} ${employee.lastName} (${displayPersonnummer(employee.personnummer, ctx.showPersonnummer)})`;
  const what = `${preview.variant === 'print' ? 'print' : 'Kivra'} payslip of ${who}, pay run ${payRun.key} (${payRun.status}, payout ${payRun.payoutDate})`;
  const size = `${preview.pages} page${preview.pages === 1 ? '' : 's'}, ${kilobytes(preview.pdf.length)}`;
  if (file) terminal.success(`Wrote the ${what} to ${file} (${size}).`);
  else terminal.info(`Rendered the ${what} (${size}).`);

  terminal.info(`A send with the same date and status would: ${preview.plan.channel} (${reasonText(preview.plan.reason)}).`);
  if (preview.variant === 'kivra' && preview.plan.channel === 'print') terminal.info('It would go to the print batch; --print shows that variant.');
  if (preview.variant === 'print' && (preview.plan.channel === 'kivra' || preview.plan.channel === 'retain')) {
    terminal.info('It would go to Kivra; leave out --print to see that variant.');
  }
  const payload = preview.payload;
  if (payload?.ok) {
    terminal.info(`Kivra payload (${payload.type}): ${kilobytes(payload.sizeBytes)} of Kivra's ${kilobytes(payload.limitBytes)} limit.`);
    for (const warning of payload.warnings) terminal.warn(warning);
  } else if (payload) {
    terminal.warn(`A send would not deliver this payslip to Kivra (${payload.code}): ${payload.message}`);
  }
}
