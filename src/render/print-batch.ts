/**
 * A print batch: the print-variant payslips of one send, merged into one PDF for the printer
 * or print shop, with a CSV manifest saying whose payslip starts on which page.
 *
 * Both files are written while payslips arrive (see pdf/concat-writer.ts), so a batch of tens
 * of thousands of payslips needs no more memory than one payslip. They are created with mode
 * 0600 — they hold names, addresses and pay — and never overwrite an existing file, since an
 * earlier batch may already be at the printer: the working files are created exclusively, so
 * a file or a symbolic link already at their names is an error, never written through. The
 * finished files are renamed to names with the job and the time, and a rename replaces a
 * link at the name instead of following it.
 */
import { lstat, mkdir, rename, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { csvLine, RFC4180 } from '../domain/csv.js';
import type { PayslipDocument } from '../domain/types.js';
import { createOwnerOnlyFile } from '../store/owner-only-file.js';
import { PAGE_HEIGHT, PAGE_WIDTH } from './page-geometry.js';
import { createPdfConcatWriter, PdfDocument, type PdfConcatWriter } from './pdf/index.js';

const MANIFEST_COLUMNS = ['employee_number', 'name', 'address', 'first_page', 'pages', 'pay_run', 'blank_pages_after'] as const;

interface PrintBatchPlacement {
  /** 1-based page in the batch PDF where this payslip starts. */
  firstPage: number;
  pages: number;
  /** Blank pages after it, so the next payslip starts on a new sheet when printed duplex. */
  blankPagesAfter: number;
}

/** Suffix of a batch still being written. */
const PARTIAL = '.partial';

interface PrintBatchResult {
  /** Null when nothing was added: no empty files are left behind. */
  pdfPath: string | null;
  manifestPath: string | null;
  count: number;
  /** All pages of the batch, the blank ones included. */
  pages: number;
  blankPages: number;
}

export interface PrintBatch {
  readonly pdfPath: string;
  readonly manifestPath: string;
  /** Appends one print-variant payslip. Safe to call concurrently: appends are queued. */
  add(doc: PayslipDocument, pdf: Uint8Array): Promise<PrintBatchPlacement>;
  /**
   * Completes both files and renames them into place. `beforeRename` runs once they are
   * complete on disk and before they get their final names: where a caller records the
   * batch, so that a crash in between never leaves a batch nobody knows of.
   */
  finish(beforeRename?: (batch: PrintBatchResult) => void | Promise<void>): Promise<PrintBatchResult>;
  /** Closes and deletes both files, e.g. when the send is interrupted before anything printed. */
  abort(): Promise<void>;
}

function recipientAddress(doc: PayslipDocument): string {
  const { street, postalCode, city } = doc.employee.address;
  const cityLine = [postalCode, city].filter(Boolean).join(' ');
  return [street, cityLine].filter(Boolean).join(', ');
}

let blank: Uint8Array | undefined;

/** One empty A4 page, made once per process (its metadata fixed: the same bytes every time). */
function blankPage(): Uint8Array {
  if (!blank) {
    const pdf = new PdfDocument();
    pdf.addPage(PAGE_WIDTH, PAGE_HEIGHT);
    blank = pdf.save({ title: '', author: '', subject: '', date: new Date(0), idSeed: 'blank page' });
  }
  return blank;
}

/**
 * `name`, or `name-2`, `name-3`… when a batch or a working file of that name is in the
 * directory already: a re-run in the same second as a killed or interrupted one (the name
 * carries the time to the second) must neither fail on the working files the dead run left
 * (`payslips doctor --fix` deletes those) nor replace a batch that may be at the printer.
 */
async function unusedName(dir: string, name: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? name : `${name}-${n}`;
    const files = [`${candidate}.pdf`, `${candidate}.csv`].flatMap((file) => [file, `${file}${PARTIAL}`]);
    const taken = await Promise.all(files.map((file) => lstat(join(dir, file)).then(() => true, (error: NodeJS.ErrnoException) => error.code !== 'ENOENT')));
    if (!taken.includes(true)) return candidate;
  }
}

/**
 * Starts `<dir>/<name>.pdf` and `<dir>/<name>.csv` (or `<name>-2`…, see unusedName). `name` is a plain file name such as
 * `print-2025-11-25-job-12`; it may not contain a path.
 */
export async function createPrintBatch(dir: string, name: string): Promise<PrintBatch> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new Error(`A print batch name must be a plain file name, got "${name}"`);
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const free = await unusedName(dir, name);
  const pdfPath = join(dir, `${free}.pdf`);
  const manifestPath = join(dir, `${free}.csv`);
  // Written under a working name and renamed when finished: a send killed midway must not
  // leave a file that looks like a batch to print, since the re-run prints those payslips.
  const working = { pdf: `${pdfPath}${PARTIAL}`, manifest: `${manifestPath}${PARTIAL}` };
  const pdfFile = await createOwnerOnlyFile(working.pdf);
  let manifestFile: FileHandle;
  try {
    manifestFile = await createOwnerOnlyFile(working.manifest);
  } catch (error) {
    await pdfFile.close();
    await rm(working.pdf, { force: true });
    throw error;
  }
  await manifestFile.write(csvLine(MANIFEST_COLUMNS, RFC4180));

  const writer: PdfConcatWriter = createPdfConcatWriter(pdfFile);
  let count = 0;
  let blankPages = 0;
  let closed = false;
  let failure: unknown = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** One operation at a time, in call order; after a failed write the files are unusable. */
  function serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      if (failure !== null) throw failure;
      if (closed) throw new Error('The print batch is already finished.');
      try {
        return await operation();
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function closeFiles(): Promise<void> {
    closed = true;
    await Promise.allSettled([pdfFile.close(), manifestFile.close()]);
  }

  return {
    pdfPath,
    manifestPath,

    add(doc, pdf) {
      return serially(async () => {
        const firstPage = writer.pageCount + 1;
        const pages = await writer.append(pdf);
        // Printed on both sides, a payslip of odd length would put the next person's first
        // page on the back of its last: a blank page keeps every payslip on its own sheets.
        const blankPagesAfter = pages % 2;
        if (blankPagesAfter > 0) await writer.append(blankPage());
        blankPages += blankPagesAfter;
        const employee = doc.employee;
        await manifestFile.write(
          csvLine(
            [employee.employeeNumber, `${employee.firstName} ${employee.lastName}`, recipientAddress(doc), firstPage, pages, doc.payRun.key, blankPagesAfter],
            RFC4180,
          ),
        );
        count += 1;
        return { firstPage, pages, blankPagesAfter };
      });
    },

    finish(beforeRename) {
      return serially(async () => {
        if (count === 0) {
          await closeFiles();
          await Promise.all([rm(working.pdf, { force: true }), rm(working.manifest, { force: true })]);
          return { pdfPath: null, manifestPath: null, count: 0, pages: 0, blankPages: 0 };
        }
        await writer.finish({ title: `Lönespecifikationer ${name}` });
        await Promise.all([pdfFile.sync(), manifestFile.sync()]);
        await closeFiles();
        const result = { pdfPath, manifestPath, count, pages: writer.pageCount, blankPages };
        await beforeRename?.(result);
        // The manifest last: a PDF without its manifest is still visibly incomplete.
        await rename(working.pdf, pdfPath);
        await rename(working.manifest, manifestPath);
        return result;
      });
    },

    async abort() {
      await queue;
      if (!closed) await closeFiles();
      await Promise.all([rm(working.pdf, { force: true }), rm(working.manifest, { force: true })]);
    },
  };
}
