/**
 * Concatenates PDFs into one file while they arrive, writing each one's objects straight to
 * disk. Memory stays flat however long the batch: we keep only the byte offset of every
 * object and the list of pages, never the merged document. (pdf-lib's own `copyPages` would
 * hold every page, font and content stream of the whole batch in memory until `save()`.)
 *
 * Each source PDF is parsed with pdf-lib, the objects its pages reach are renumbered after
 * those already written, and its pages are hung under one page tree written at the end,
 * followed by a classic cross-reference table. Fonts are not shared between payslips: each
 * payslip keeps its own small font subset (a few kB), the price of never holding the batch.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  type PDFObject,
} from 'pdf-lib';

/** Attributes a page may inherit from its page tree, which we do not copy. */
const INHERITABLE = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;

const CATALOG = 1;
const PAGES = 2;
const INFO = 3;
const FIRST_FREE = 4;

const encoder = new TextEncoder();

function serialize(object: PDFObject): Uint8Array {
  const bytes = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
}

function indirect(number: number, object: PDFObject): Uint8Array[] {
  return [encoder.encode(`${number} 0 obj\n`), serialize(object), encoder.encode('\nendobj\n')];
}

/** Every indirect object the value refers to, directly or nested, except through `skip` keys. */
function collectRefs(value: PDFObject, found: PDFRef[], skipKey?: PDFName): void {
  if (value instanceof PDFRef) found.push(value);
  else if (value instanceof PDFArray) value.asArray().forEach((item) => collectRefs(item, found));
  else if (value instanceof PDFDict) {
    for (const [key, item] of value.entries()) if (key !== skipKey) collectRefs(item, found);
  } else if (value instanceof PDFRawStream) collectRefs(value.dict, found);
}

/**
 * A reference to an object of the batch, for writing only. pdf-lib's `PDFRef.of` keeps every
 * reference it makes in a module-level Map for the life of the process; the batch's object
 * numbers only grow (some thirty per payslip), so a long print batch would keep them all.
 * A reference is its numbers and its `tag`, which is all that is written.
 */
export function writtenRef(objectNumber: number): PDFRef {
  return Object.assign(Object.create(PDFRef.prototype) as PDFRef, { objectNumber, generationNumber: 0, tag: `${objectNumber} 0 R` });
}

/** Rewrites references in place (the source document is thrown away afterwards). */
function renumber(value: PDFObject, map: Map<PDFRef, number>): PDFObject {
  if (value instanceof PDFRef) {
    const number = map.get(value);
    if (number === undefined) throw new Error(`Unmapped reference ${value.toString()}`);
    return writtenRef(number);
  }
  if (value instanceof PDFArray) {
    for (let index = 0; index < value.size(); index += 1) value.set(index, renumber(value.get(index), map));
  } else if (value instanceof PDFDict) {
    for (const [key, item] of value.entries()) value.set(key, renumber(item, map));
  } else if (value instanceof PDFRawStream) {
    renumber(value.dict, map);
  }
  return value;
}

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

  function objectChunks(number: number, object: PDFObject, at: number): { chunks: Uint8Array[]; length: number } {
    const chunks = indirect(number, object);
    offsets[number] = at;
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
      const source = await PDFDocument.load(pdf, { updateMetadata: false });
      const context = source.context;
      const pageRefs = new Set(source.getPages().map((page) => page.ref));
      const map = new Map<PDFRef, number>();
      const queue: PDFRef[] = [];
      const enqueue = (ref: PDFRef): void => {
        if (!map.has(ref)) {
          map.set(ref, nextNumber);
          nextNumber += 1;
          queue.push(ref);
        }
      };
      // Pages first, in order, so their numbers are known before anything refers to them.
      for (const page of source.getPages()) {
        for (const name of INHERITABLE) {
          const key = PDFName.of(name);
          if (!page.node.has(key)) {
            const inherited = page.node.getInheritableAttribute(key);
            if (inherited) page.node.set(key, inherited);
          }
        }
        enqueue(page.ref);
      }
      const parentKey = PDFName.of('Parent');
      for (let index = 0; index < queue.length; index += 1) {
        const object = context.lookup(queue[index] as PDFRef);
        if (!object) continue;
        const refs: PDFRef[] = [];
        collectRefs(object, refs, pageRefs.has(queue[index] as PDFRef) ? parentKey : undefined);
        refs.forEach(enqueue);
      }

      const chunks: Uint8Array[] = [];
      let at = position + (started ? 0 : header.length);
      if (!started) chunks.push(header);
      for (const ref of queue) {
        const object = context.lookup(ref);
        const number = map.get(ref) as number;
        // A reference to a missing object reads as null in PDF; leave it free in the xref.
        if (!object) continue;
        const isPage = pageRefs.has(ref) && object instanceof PDFDict;
        // The page's parent is the source's page tree, which is not copied; ours replaces it.
        if (isPage) object.delete(parentKey);
        const renumbered = renumber(object, map);
        if (isPage) object.set(parentKey, writtenRef(PAGES));
        const written = objectChunks(number, renumbered, at);
        chunks.push(...written.chunks);
        at += written.length;
      }
      await write(chunks);
      started = true;
      for (const ref of pageRefs) pageNumbers.push(map.get(ref) as number);
      return pageRefs.size;
    },

    async finish(info) {
      const context = PDFContext.create();
      const chunks: Uint8Array[] = [];
      let at = position;
      if (!started) {
        chunks.push(header);
        at += header.length;
      }
      const objects: Array<[number, PDFObject]> = [
        [PAGES, context.obj({ Type: 'Pages', Kids: pageNumbers.map(writtenRef), Count: pageNumbers.length })],
        [CATALOG, context.obj({ Type: 'Catalog', Pages: writtenRef(PAGES) })],
        [INFO, context.obj({ Title: PDFHexString.fromText(info.title), Producer: PDFHexString.fromText('payslips'), Creator: PDFHexString.fromText('payslips') })],
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
