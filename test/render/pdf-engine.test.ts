/**
 * Golden properties of the default template's PDFs, as the PDF engine (src/render/pdf/)
 * writes them: text that reads back, fonts embedded as subsets, the page count, a file
 * whose structure is exact, and the same bytes for the same payslip whatever else the
 * process renders.
 */
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import type { PayslipDocument } from '../../src/domain/types.js';
import { renderPayslipPdf, type PdfVariant } from '../../src/render/payslip-pdf.js';
import { loadTemplate, type Template } from '../../src/render/template.js';
import { company, document, employee, longDocument, preliminaryDocument } from './documents.js';
import { readFonts, readPages } from './pdf-inspect.js';

let template: Template;
beforeAll(async () => {
  template = await loadTemplate();
});

const render = (doc: PayslipDocument, variant: PdfVariant = 'kivra', from = template): Promise<Uint8Array> => renderPayslipPdf(doc, from, { variant });

/** A payslip whose every character is in the engine's prepared set (no è, unlike the default one). */
const nordic = (firstName = 'Åsa', lastName = 'Öberg'): PayslipDocument => document({ employee: employee({ firstName, lastName }) });

/** The font files (FontFile2 streams) of a PDF, decompressed, by the font's BaseFont. */
async function fontFiles(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
  const files = new Map<string, Uint8Array>();
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const file = object.lookup(PDFName.of('FontFile2'));
    if (!(file instanceof PDFRawStream)) throw new Error('a font descriptor without a FontFile2 stream');
    files.set(String(object.get(PDFName.of('FontName'))).slice(1), inflateSync(file.contents));
  }
  return files;
}

describe('the default template, read back', () => {
  test('one page, every line and name as text, fonts embedded as subsets, under 60 kB', async () => {
    const bytes = await render(nordic());
    const pages = await readPages(bytes);
    expect(pages).toHaveLength(1);
    for (const text of ['Lönespecifikation', 'Åsa Öberg', 'Exempel Ångström & Söner AB', '100 Månadslön 32 000,00', 'À-pris', 'Att utbetala 23 700,00']) expect(pages[0]!.text).toContain(text);
    const fonts = await readFonts(bytes);
    expect(fonts.map((f) => f.baseFont).sort()).toEqual([expect.stringMatching(/^[A-Z]{6}\+Inter-Bold$/), expect.stringMatching(/^[A-Z]{6}\+Inter-Regular$/)]);
    for (const font of fonts) expect([font.subtype, font.fontFile]).toEqual(['Type0', 'FontFile2']);
    // A subset: a fraction of Inter's 300 kB.
    for (const file of (await fontFiles(bytes)).values()) expect(file.length).toBeLessThan(30_000);
    expect(bytes.length).toBeLessThan(60_000);
  });

  test('right-aligned amounts end exactly at their column: the layout measures with the widths the PDF gives', async () => {
    const [page] = await readPages(await render(nordic()));
    const amounts = page!.items.filter((i) => /^-?\d{1,3}( \d{3})*,\d\d$/.test(i.str.replace(/\u00a0/g, ' ')) && i.leftMm > 162 && i.leftMm < 188);
    expect(amounts.length).toBeGreaterThanOrEqual(5);
    for (const item of amounts) expect(Math.abs(item.leftMm + item.widthMm - 188)).toBeLessThan(0.002);
  });

  test('title, author and subject read back, in Swedish and in any other script', async () => {
    // An unbalanced parenthesis and a backslash must be escaped in a literal string.
    for (const name of ['Ångström & Söner (Malmö AB \\ Lund', 'Łódź Ωmega Bygg AB']) {
      const pdf = await PDFDocument.load(await render(document({ company: company({ name }) })), { updateMetadata: false });
      expect([pdf.getTitle(), pdf.getAuthor(), pdf.getSubject()]).toEqual(['Lönespecifikation 2025-11', name, 'Löneperiod 2025-11-01 – 2025-11-30']);
    }
  });

  test('a 60-line payslip has as many pages as its text says', async () => {
    const bytes = await render(longDocument(60));
    const pages = await readPages(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(pages.length);
    expect(pages.at(-1)!.text).toContain(`Sida ${pages.length} av ${pages.length}`);
  });

  test('every cross-reference points at its object, and startxref at the table', () => {
    return render(preliminaryDocument(), 'print').then((bytes) => {
      const text = Buffer.from(bytes).toString('latin1');
      const startxref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)![1]);
      expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
      const [, count] = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
      const entries = text.slice(startxref).split('\n').slice(3, 2 + Number(count));
      entries.forEach((entry, index) => {
        const offset = Number(entry.slice(0, 10));
        expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`);
      });
    });
  });
});

describe('fonts prepared once, the same for every payslip of ordinary text', () => {
  test('two payslips of different people carry the very same font files', async () => {
    const a = await fontFiles(await render(nordic('Åsa', 'Öberg')));
    const b = await fontFiles(await render(nordic('Per', 'Nyström'), 'print'));
    expect([...a.keys()]).toEqual([...b.keys()]);
    for (const [name, file] of a) expect(Buffer.from(b.get(name)!).equals(Buffer.from(file))).toBe(true);
  });

  test('a name beyond the prepared characters is drawn and reads back as itself, with a subset of its own', async () => {
    const names: Array<[string, string]> = [
      ['Łukasz', 'Wiśniewski-Šćepanović'],
      ['Nguyễn Thị', 'Ánh'],
      ['Zoë', 'Þórsdóttir'],
      ['Ayşe', 'Yıldız Ğ'],
    ];
    const base = await fontFiles(await render(nordic()));
    for (const [firstName, lastName] of names) {
      const bytes = await render(nordic(firstName, lastName));
      const [page] = await readPages(bytes);
      expect(page!.text).toContain(`${firstName} ${lastName}`);
      // The bold subset (the name) is this payslip's own; and the same every time.
      const files = await fontFiles(bytes);
      expect([...files.keys()].filter((name) => !base.has(name))).not.toHaveLength(0);
      expect(Buffer.from(await render(nordic(firstName, lastName))).equals(Buffer.from(bytes))).toBe(true);
    }
  });

  test('two characters one glyph draws each read back as themselves (’ and ʼ)', async () => {
    const [page] = await readPages(await render(nordic('Taʼi', 'O’Brien')));
    expect(page!.text).toContain('Taʼi O’Brien');
  });

  test('a payslip’s bytes do not depend on the payslips rendered before it, from the same prepared fonts', async () => {
    const doc = nordic('Zoë', 'Łukasiewicz');
    const alone = await render(doc, 'kivra', await loadTemplate());
    const shared = await loadTemplate();
    for (const other of [nordic('Ayşe', 'Yıldız'), longDocument(), preliminaryDocument(), nordic('Дмитрий', 'Ωmega')]) await render(other, 'kivra', shared);
    expect(Buffer.from(await render(doc, 'kivra', shared)).equals(Buffer.from(alone))).toBe(true);
  });
});
