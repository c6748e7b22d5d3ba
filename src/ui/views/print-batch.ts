import { t } from '../../i18n/catalogue.js';
import { count } from '../../i18n/locale.js';
import type { PrintBatchFile } from '../../workflows/send.js';

/** A print batch file as a person reads it: where, how many payslips and pages, its manifest. */
export function describePrintBatch(batch: PrintBatchFile): string {
  const words = t().send;
  const pages = batch.pages === null ? null : batch.blankPages ? words.batchBlankPages(words.batchPages(batch.pages), batch.blankPages) : words.batchPages(batch.pages);
  return words.batch(batch.pdfPath, t().common.payslips(batch.payslips, count(batch.payslips)), pages, batch.manifestPath);
}

/**
 * A print batch in `--json`, the same in `send` and `log` (docs/json.md): the files and
 * the counts, never the database's row id.
 */
export function printBatchJson(batch: PrintBatchFile) {
  return { file: batch.pdfPath, manifest: batch.manifestPath, payslips: batch.payslips, pages: batch.pages, blankPages: batch.blankPages };
}
