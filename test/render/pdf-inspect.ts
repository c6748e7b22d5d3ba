/**
 * Reads a PDF the way a person's viewer would, for the render tests: the text on each page
 * with its position (pdfjs-dist), and the font dictionaries (pdf-lib) to prove every font
 * is embedded.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFRef, type PDFObject } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export const PT_PER_MM = 72 / 25.4;

export interface TextItem {
  str: string;
  /** Left edge and baseline, in mm from the page's top-left corner. */
  leftMm: number;
  baselineMm: number;
  widthMm: number;
  /** Font size in pt. */
  size: number;
}

export interface PageText {
  items: TextItem[];
  /** Every item's text joined by spaces, no-break spaces made plain, for `toContain`. */
  text: string;
  widthPt: number;
  heightPt: number;
}

export async function readPages(bytes: Uint8Array): Promise<PageText[]> {
  // pdfjs takes ownership of (and detaches) the buffer it is given; give it a copy.
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
  try {
    const pages: PageText[] = [];
    for (let number = 1; number <= doc.numPages; number += 1) {
      const page = await doc.getPage(number);
      const [, , widthPt, heightPt] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [a, b, , , e, f] = item.transform as number[];
        items.push({
          str: item.str,
          leftMm: (e as number) / PT_PER_MM,
          baselineMm: (heightPt - (f as number)) / PT_PER_MM,
          widthMm: item.width / PT_PER_MM,
          size: Math.hypot(a as number, b as number),
        });
      }
      pages.push({ items, text: plain(items.map((i) => i.str).join(' ')), widthPt, heightPt });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** No-break spaces (the thousands separator) as plain spaces, so tests can write `32 000,00`. */
export function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

export const STANDARD_14 = new Set([
  'Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique',
  'Helvetica', 'Helvetica-Bold', 'Helvetica-Oblique', 'Helvetica-BoldOblique',
  'Times-Roman', 'Times-Bold', 'Times-Italic', 'Times-BoldItalic', 'Symbol', 'ZapfDingbats',
]);

export interface FontInfo {
  baseFont: string;
  subtype: string;
  /** Which FontFile key the descriptor carries; null when the font is not embedded. */
  fontFile: 'FontFile' | 'FontFile2' | 'FontFile3' | null;
}

/** Every font dictionary in the file, wherever it is used. */
export async function readFonts(bytes: Uint8Array): Promise<FontInfo[]> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const lookup = (value: PDFObject | undefined): PDFObject | undefined => (value instanceof PDFRef ? pdf.context.lookup(value) : value);
  const fonts: FontInfo[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const subtype = String(object.get(PDFName.of('Subtype')) ?? '').replace(/^\//, '');
    // A CID font is reached through the Type0 font that uses it, below.
    if (subtype.startsWith('CIDFontType')) continue;
    let glyphs: PDFDict = object;
    if (subtype === 'Type0') {
      const descendants = lookup(object.get(PDFName.of('DescendantFonts')));
      const first = descendants instanceof PDFArray ? lookup(descendants.get(0)) : undefined;
      if (first instanceof PDFDict) glyphs = first;
    }
    const descriptor = lookup(glyphs.get(PDFName.of('FontDescriptor')));
    let fontFile: FontInfo['fontFile'] = null;
    if (descriptor instanceof PDFDict) {
      for (const key of ['FontFile', 'FontFile2', 'FontFile3'] as const) if (descriptor.has(PDFName.of(key))) fontFile = key;
    }
    fonts.push({ baseFont: String(object.get(PDFName.of('BaseFont')) ?? '').replace(/^\//, ''), subtype, fontFile });
  }
  return fonts;
}

/** Image XObjects anywhere in the file (a template logo). */
export async function countImages(bytes: Uint8Array): Promise<number> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  let count = 0;
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : 'dict' in object && object.dict instanceof PDFDict ? object.dict : null;
    if (dict?.get(PDFName.of('Subtype')) === PDFName.of('Image')) count += 1;
  }
  return count;
}
