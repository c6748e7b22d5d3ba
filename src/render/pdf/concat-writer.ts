/**
 * Concatenates PDFs into one file while they arrive, writing each one's objects straight to
 * disk. Memory stays flat however long the batch: we keep only the byte offset of every
 * object and the list of pages, never the merged document. (pdf-lib's own `copyPages` would
 * hold every page, font and content stream of the whole batch in memory until `save()`.)
 *
 * Each source PDF is parsed with pdf-lib, the objects its pages reach are written under
 * numbers after those already written (pdf-lib-objects.ts), and its pages are hung under
 * one page tree written at the end, followed by a classic cross-reference table. Fonts are
 * not shared between payslips: each payslip keeps its own font subsets (about 30 kB), the
 * price of never holding the batch.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { PDFRef } from 'pdf-lib';
import { dictEntries, objectText, pdfLib, referencesOf, streamParts } from './pdf-lib-objects.js';
import { pdfText, ref } from './writer.js';

/** Attributes a page may inherit from its page tree, which we do not copy. */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

const CATALOG = 1;
const PAGES = 2;
const INFO = 3;
const FIRST_FREE = 4;

const encoder = new TextEncoder();

export interface PdfConcatWriter {
  /** Appends every page of `pdf`; returns how many pages it had. Calls must not overlap. */
  append(pdf: Uint8Array): Promise<number>;
  readonly pageCount: number;
  /** Writes the page tree, the document info and the cross-reference table. */
  finish(info: { title: string }): Promise<void>;
}

export function createPdfConcatWriter(file: FileHandle): PdfConcatWriter {
  const offsets: number[] = [];
  const pageNumbers: number[] = [];
  const digest = createHash('sha256');
  let position = 0;
  let nextNumber = FIRST_FREE;

  async function write(chunks: Uint8Array[]): Promise<void> {
    const buffer = Buffer.concat(chunks);
    digest.update(buffer);
    await file.write(buffer);
    position += buffer.length;
  }

  /** Object `number`: PDF text, or a stream's dictionary and data. */
  function objectChunks(number: number, body: string | { dictionary: string; data: Uint8Array }, at: number): { chunks: Uint8Array[]; length: number } {
    offsets[number] = at;
    const chunks =
      typeof body === 'string'
        ? [encoder.encode(`${number} 0 obj\n${body}\nendobj\n`)]
        : [encoder.encode(`${number} 0 obj\n<< ${body.dictionary} /Length ${body.data.length} >>\nstream\n`), body.data, encoder.encode('\nendstream\nendobj\n')];
    return { chunks, length: chunks.reduce((sum, chunk) => sum + chunk.length, 0) };
  }

  // A binary comment after the header tells transfer tools the file is binary (PDF 1.7 §7.5.2).
  const header = Buffer.concat([encoder.encode('%PDF-1.7\n%'), Uint8Array.of(0xe2, 0xe3, 0xcf, 0xd3), encoder.encode('\n')]);
  let started = false;

  return {
    get pageCount() {
      return pageNumbers.length;
    },

    async append(pdf) {
      const lib = await pdfLib();
      const source = await lib.PDFDocument.load(pdf, { updateMetadata: false });
      const context = source.context;
      const pageRefs = new Set(source.getPages().map((page) => page.ref));
      const map = new Map<PDFRef, number>();
      const queue: PDFRef[] = [];
      const enqueue = (found: PDFRef): void => {
        if (!map.has(found)) {
          map.set(found, nextNumber);
          nextNumber += 1;
          queue.push(found);
        }
      };
      // Pages first, in order, so their numbers are known before anything refers to them.
      for (const page of source.getPages()) {
        for (const name of INHERITABLE) {
          const key = lib.PDFName.of(name);
          if (!page.node.has(key)) {
            const inherited = page.node.getInheritableAttribute(key);
            if (inherited) page.node.set(key, inherited);
          }
        }
        enqueue(page.ref);
      }
      for (let index = 0; index < queue.length; index += 1) {
        const object = context.lookup(queue[index]!);
        if (!object) continue;
        // A page's parent is the source's page tree, which is not copied; ours replaces it.
        referencesOf(lib, object, [], pageRefs.has(queue[index]!) ? '/Parent' : undefined).forEach(enqueue);
      }
      const refText = (found: PDFRef): string => ref(map.get(found)!);

      const chunks: Uint8Array[] = [];
      let at = position + (started ? 0 : header.length);
      if (!started) chunks.push(header);
      for (const found of queue) {
        const object = context.lookup(found);
        const number = map.get(found)!;
        // A reference to a missing object reads as null in PDF; leave it free in the xref.
        if (!object) continue;
        const body =
          object instanceof lib.PDFStream
            ? streamParts(lib, object, refText)
            : pageRefs.has(found) && object instanceof lib.PDFDict
              ? `<< ${dictEntries(lib, object, refText, '/Parent')} /Parent ${ref(PAGES)} >>`
              : objectText(lib, object, refText);
        const written = objectChunks(number, body, at);
        chunks.push(...written.chunks);
        at += written.length;
      }
      await write(chunks);
      started = true;
      for (const page of pageRefs) pageNumbers.push(map.get(page)!);
      return pageRefs.size;
    },

    async finish(info) {
      const chunks: Uint8Array[] = [];
      let at = position;
      if (!started) {
        chunks.push(header);
        at += header.length;
      }
      const objects: Array<[number, string]> = [
        [PAGES, `<< /Type /Pages /Kids [${pageNumbers.map(ref).join(' ')}] /Count ${pageNumbers.length} >>`],
        [CATALOG, `<< /Type /Catalog /Pages ${ref(PAGES)} >>`],
        [INFO, `<< /Title ${pdfText(info.title)} /Producer ${pdfText('payslips')} /Creator ${pdfText('payslips')} >>`],
      ];
      for (const [number, object] of objects) {
        const written = objectChunks(number, object, at);
        chunks.push(...written.chunks);
        at += written.length;
      }
      const size = nextNumber;
      const xref = [`xref\n0 ${size}\n`, '0000000000 65535 f \n'];
      for (let number = 1; number < size; number += 1) {
        const offset = offsets[number];
        xref.push(offset === undefined ? '0000000000 65535 f \n' : `${String(offset).padStart(10, '0')} 00000 n \n`);
      }
      // The /ID is a digest of everything before it, so equal batches get equal files.
      const id = createHash('sha256').update(digest.copy().digest()).update(Buffer.concat(chunks)).digest('hex').slice(0, 32);
      const trailer = `trailer\n<< /Size ${size} /Root ${CATALOG} 0 R /Info ${INFO} 0 R /ID [<${id}> <${id}>] >>\nstartxref\n${at}\n%%EOF\n`;
      await write([...chunks, encoder.encode(xref.join('')), encoder.encode(trailer)]);
    },
  };
}
