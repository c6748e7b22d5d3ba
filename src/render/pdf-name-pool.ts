import { PDFName } from 'pdf-lib';

/**
 * pdf-lib keeps every PDFName it makes in a module-level Map for the life of the process
 * (`PDFName.of`). Most names are the same few dozen dictionary keys, but each payslip's two
 * font subsets have names of their own (`ABCDEF+Inter-Regular`, subsetName in
 * payslip-pdf.ts), so a render worker kept two more names for every payslip it rendered:
 * its heap grew by about 10 MB per 25,000 payslips, and a large send's RSS with it
 * (BENCHMARKS.md).
 *
 * `PDFName.of` is wrapped so that names of that shape are made afresh each time instead of
 * pooled. A PDFName is nothing but its `encodedName`, which for a name of only regular
 * characters, as these are, is the name after a slash. pdf-lib compares names by identity
 * only as dictionary keys; a subset name is only ever a value (BaseFont, FontName).
 */
const SUBSET_NAME = /^[A-Z]{6}\+[A-Za-z0-9._-]+$/;

let installed = false;

export function stopPoolingSubsetNames(): void {
  if (installed) return;
  const pooled = PDFName.of;
  const fresh = (name: string): PDFName => Object.assign(Object.create(PDFName.prototype) as PDFName, { encodedName: `/${name}` });
  PDFName.of = (name: string): PDFName => (SUBSET_NAME.test(name) ? fresh(name) : pooled(name));
  installed = true;
}
