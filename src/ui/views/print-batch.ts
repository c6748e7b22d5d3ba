import type { PrintBatchFile } from '../../workflows/send.js';

/** A print batch file as a person reads it: where, how many payslips and pages, its manifest. */
export function describePrintBatch(batch: PrintBatchFile): string {
  const pages = batch.pages === null ? '' : `, ${batch.pages} page${batch.pages === 1 ? '' : 's'}${batch.blankPages ? ` with ${batch.blankPages} blank for two-sided printing` : ''}`;
  return `${batch.pdfPath} (${batch.payslips} payslip${batch.payslips === 1 ? '' : 's'}${pages}; manifest ${batch.manifestPath})`;
}

/**
 * A print batch in `--json`, the same in `send` and `log` (docs/json.md): the files and
 * the counts, never the database's row id.
 */
export function printBatchJson(batch: PrintBatchFile) {
  return { file: batch.pdfPath, manifest: batch.manifestPath, payslips: batch.payslips, pages: batch.pages, blankPages: batch.blankPages };
}
