import type { Context } from '../../context.js';
import { t } from '../../i18n/catalogue.js';
import { count } from '../../i18n/locale.js';
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
    payRun: { payRun: payRun.key, payoutDate: payRun.payoutDate, status: payRun.status, periodStart: payRun.periodStart, periodEnd: payRun.periodEnd },
    plannedChannel: preview.plan.channel,
    reason: preview.plan.reason,
    payload: preview.payload,
  };
}

/** `1 000 kB`: rounded up, so a file just over a limit never reads as at it. */
function kilobytes(bytes: number): string {
  return `${count(Math.ceil(bytes / 1000))} kB`;
}

/** Messages on stderr: where the file went, and what a send would do with this payslip. */
export function printPreview(ctx: Context, preview: Preview, file: string | null): void {
  const { terminal } = ctx;
  const words = t().select.preview;
  const { employee, payRun } = preview.doc;
  const who = `${employee.employeeNumber} ${employee.firstName} ${employee.lastName} (${displayPersonnummer(employee.personnummer, ctx.showPersonnummer)})`;
  const what = words.what(words.variant[preview.variant], who, payRun.key, t().common.payRunStatus[payRun.status], payRun.payoutDate);
  const size = `${words.pages(preview.pages)}, ${kilobytes(preview.pdf.length)}`;
  if (file) terminal.success(words.wrote(what, file, size));
  else terminal.info(words.rendered(what, size));

  terminal.info(words.wouldDo(t().common.channel[preview.plan.channel], reasonText(preview.plan.reason)));
  if (preview.variant === 'kivra' && preview.plan.channel === 'print') terminal.info(words.toPrintBatch);
  if (preview.variant === 'print' && (preview.plan.channel === 'kivra' || preview.plan.channel === 'retain')) terminal.info(words.toKivra);
  const payload = preview.payload;
  if (payload?.ok) {
    terminal.info(words.payload(payload.type, kilobytes(payload.sizeBytes), kilobytes(payload.limitBytes)));
    for (const warning of payload.warnings) terminal.warn(warning);
  } else if (payload) {
    terminal.warn(words.notDelivered(payload.code, payload.message));
  }
}
