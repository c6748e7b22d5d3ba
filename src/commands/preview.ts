import { resolve } from 'node:path';
import { z } from 'zod';
import { defineCommand } from './command.js';
import { selectionOptionsSchema } from './selection-options.js';
import { UsageError } from '../errors.js';
import { t } from '../i18n/catalogue.js';
import { writeOwnerOnlyFile } from '../store/owner-only-file.js';
import { previewJson, printPreview } from '../ui/views/preview.js';
import { collectPreview, type Preview } from '../workflows/preview.js';
import { parseSelectionOptions } from '../workflows/selection.js';
import { openSession, resolveCompany } from '../workflows/session.js';

const previewOptionsSchema = selectionOptionsSchema.pick({ date: true, status: true }).extend({
  out: z.string().min(1).optional(),
  print: z.boolean().optional(),
});

/** `lonespecifikation-2025-11-1001.pdf` in the current directory, unless --out says otherwise. */
function defaultFileName(preview: Preview): string {
  const { employee, payRun } = preview.doc;
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9_-]+/g, '_');
  const prefix = payRun.status === 'preliminary' ? 'preliminar-lonespecifikation' : 'lonespecifikation';
  return `${prefix}-${safe(payRun.key)}-${safe(employee.employeeNumber)}${preview.variant === 'print' ? '-print' : ''}.pdf`;
}

function writeStdout(bytes: Uint8Array): Promise<void> {
  // Wait until the bytes are handed over: the CLI exits right after the command returns.
  return new Promise((done, fail) => process.stdout.write(bytes, (error) => (error ? fail(error) : done())));
}

export const command = defineCommand(previewOptionsSchema, async (ctx, options, args) => {
  const employee = args[0]?.trim();
  if (!employee) throw new UsageError(t().select.preview.nameTheEmployee, { code: 'invalid_option' });
  const selection = parseSelectionOptions({ date: options.date, status: options.status });

  const session = openSession(ctx, 'read');
  let preview: Preview;
  try {
    const company = resolveCompany(session.db, ctx.companySelector);
    preview = await collectPreview(ctx, session.db, company, {
      employee,
      date: selection.date,
      status: selection.status,
      variant: options.print ? 'print' : 'kivra',
    });
  } finally {
    session.db.close();
  }

  if (options.out === '-') {
    await writeStdout(preview.pdf);
    if (!ctx.json) printPreview(ctx, preview, null);
    // The PDF is the result: it owns stdout, so --json does not wrap it.
    return { json: undefined, raw: true };
  }
  const file = resolve(options.out ?? defaultFileName(preview));
  writeOwnerOnlyFile(file, preview.pdf);
  if (!ctx.json) printPreview(ctx, preview, file);
  return { json: previewJson(preview, file) };
});
