/**
 * A template's logo as a PDF image, prepared once per process: pdf-lib decodes the PNG
 * (its alpha becomes a soft mask) or reads the JPEG's header through its public API, in a
 * scratch document, and each payslip copies the resulting image objects under its own
 * object numbers.
 */
import type { PDFObject, PDFRef } from 'pdf-lib';
import type { PageImage } from './page-content.js';
import { objectText, pdfLib, referencesOf, streamParts } from './pdf-lib-objects.js';
import { ref, type PdfFileWriter } from './writer.js';

export interface PdfImage extends PageImage {
  /** Writes the image's objects, numbered from `allocate`; returns the image's own number. */
  write(writer: PdfFileWriter): number;
}

const prepared = new WeakMap<Uint8Array, Promise<PdfImage>>();

/** The image for a logo's bytes, made once per process (keyed by the bytes, which templates load once). */
export function loadPdfImage(bytes: Uint8Array, format: 'png' | 'jpeg'): Promise<PdfImage> {
  let image = prepared.get(bytes);
  if (!image) {
    image = prepare(bytes, format);
    prepared.set(bytes, image);
  }
  return image;
}

async function prepare(bytes: Uint8Array, format: 'png' | 'jpeg'): Promise<PdfImage> {
  const lib = await pdfLib();
  const scratch = await lib.PDFDocument.create({ updateMetadata: false });
  const embedded = format === 'png' ? await scratch.embedPng(bytes) : await scratch.embedJpg(bytes);
  await embedded.embed();
  // The image stream and what it refers to (a PNG's soft mask), in a fixed order.
  const refs: PDFRef[] = [embedded.ref];
  const objects: PDFObject[] = [];
  for (let at = 0; at < refs.length; at += 1) {
    const object = scratch.context.lookup(refs[at]!);
    if (!object) throw new Error('the logo refers to an object that is not there');
    objects.push(object);
    for (const found of referencesOf(lib, object)) if (!refs.includes(found)) refs.push(found);
  }
  return {
    width: embedded.width,
    height: embedded.height,
    write(writer) {
      const numbers = new Map(refs.map((found) => [found, writer.allocate()] as const));
      const refText = (found: PDFRef): string => ref(numbers.get(found)!);
      objects.forEach((object, at) => {
        const number = numbers.get(refs[at]!)!;
        if (object instanceof lib.PDFStream) {
          const { dictionary, data } = streamParts(lib, object, refText);
          writer.stream(number, dictionary, data);
        } else {
          writer.object(number, objectText(lib, object, refText));
        }
      });
      return numbers.get(embedded.ref)!;
    },
  };
}
