/**
 * The PDF engine: the only code that touches pdf-lib or fontkit, and only here below
 * their public API where it must (see versions.ts for the versions it was written for).
 * The rest of render/ draws pages through this interface:
 *
 * - `loadPdfFont(bytes)` and `loadPdfImage(bytes, format)`: a template's fonts and logo,
 *   prepared once per process;
 * - `new PdfDocument([image])`, `addPage`, the page's `text`/`rectangle`/`line`/`image`,
 *   and `save(metadata)`: one reproducible PDF;
 * - `createPdfConcatWriter(file)`: many PDFs appended into one, for the print batch.
 */
export { createPdfConcatWriter, type PdfConcatWriter } from './concat-writer.js';
export { PdfDocument, type DocumentMetadata } from './document.js';
export { loadPdfFont, type PdfFont } from './font.js';
export { loadPdfImage, type PdfImage } from './image.js';
export { PdfPage, type Rgb } from './page-content.js';
