/**
 * Objects that pdf-lib parsed or made, written as PDF text under new object numbers: for
 * the print batch (each payslip's objects renumbered into the batch) and for a template's
 * logo (pdf-lib decodes the PNG or JPEG once per process, image.ts). Only pdf-lib's public
 * object API is used: the classes to tell objects apart, a dictionary's entries, an
 * array's items, a stream's dictionary and contents, and every other object's own
 * `toString()`, which is its PDF syntax.
 *
 * pdf-lib is loaded when first needed: the send's main thread imports the print batch,
 * and most sends print nothing.
 */
import type * as PdfLibModule from 'pdf-lib';
import type { PDFDict, PDFObject, PDFRef, PDFStream } from 'pdf-lib';

export type PdfLib = typeof PdfLibModule;

let loading: Promise<PdfLib> | undefined;

export function pdfLib(): Promise<PdfLib> {
  loading ??= import('pdf-lib');
  return loading;
}

/** `value` as PDF text, each reference written by `refText`; streams are written by `streamParts`. */
export function objectText(lib: PdfLib, value: PDFObject, refText: (ref: PDFRef) => string): string {
  if (value instanceof lib.PDFRef) return refText(value);
  if (value instanceof lib.PDFArray) return `[${value.asArray().map((item) => objectText(lib, item, refText)).join(' ')}]`;
  if (value instanceof lib.PDFDict) return `<< ${dictEntries(lib, value, refText)} >>`;
  if (value instanceof lib.PDFStream) throw new Error('a stream inside another object');
  return value.toString();
}

/** A dictionary's entries as PDF text (without `<<` and `>>`), leaving out the key `skip` (`/Parent`). */
export function dictEntries(lib: PdfLib, dict: PDFDict, refText: (ref: PDFRef) => string, skip?: string): string {
  const parts: string[] = [];
  for (const [key, item] of dict.entries()) {
    if (key.asString() === skip) continue;
    parts.push(`${key.asString()} ${objectText(lib, item, refText)}`);
  }
  return parts.join(' ');
}

/** A stream's dictionary (without /Length, which the writer adds) and its bytes as stored. */
export function streamParts(lib: PdfLib, stream: PDFStream, refText: (ref: PDFRef) => string): { dictionary: string; data: Uint8Array } {
  return { dictionary: dictEntries(lib, stream.dict, refText, '/Length'), data: stream.getContents() };
}

/** Every reference `value` holds, directly or nested, except under the dictionary key `skip`. */
export function referencesOf(lib: PdfLib, value: PDFObject, found: PDFRef[] = [], skip?: string): PDFRef[] {
  if (value instanceof lib.PDFRef) found.push(value);
  else if (value instanceof lib.PDFArray) value.asArray().forEach((item) => referencesOf(lib, item, found));
  else if (value instanceof lib.PDFDict) {
    for (const [key, item] of value.entries()) if (key.asString() !== skip) referencesOf(lib, item, found);
  } else if (value instanceof lib.PDFStream) referencesOf(lib, value.dict, found);
  return found;
}
