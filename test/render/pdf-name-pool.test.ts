import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { beforeAll, expect, test } from 'vitest';
import { renderPayslipPdf } from '../../src/render/payslip-pdf.js';
import { loadTemplate, type Template } from '../../src/render/template.js';
import { survivorsOfCollection } from '../helpers/collected.js';
import { document, employee } from './documents.js';

let template: Template;
beforeAll(async () => {
  template = await loadTemplate();
});

/** The BaseFont of every font on the first page. */
async function baseFonts(bytes: Uint8Array): Promise<string[]> {
  const pdf = await PDFDocument.load(bytes);
  const fonts = pdf.getPage(0).node.Resources()!.lookup(PDFName.of('Font'), PDFDict);
  return fonts.keys().map((key) => fonts.lookup(key, PDFDict).lookup(PDFName.of('BaseFont'), PDFName).decodeText());
}

test('a font subset name is not kept once its payslip is done with', async () => {
  const refs = Array.from({ length: 20 }, (_, i) => new WeakRef(PDFName.of(`${'ABCDEFGHIJKLMNOPQRST'[i]!.repeat(6)}+Inter-Regular`)));
  expect(await survivorsOfCollection(refs)).toBe(0);
});

test('other names are pooled as pdf-lib pools them: dictionary keys are compared by identity', () => {
  expect(PDFName.of('BaseFont')).toBe(PDFName.of('BaseFont'));
  expect(PDFName.of('Helvetica-Bold')).toBe(PDFName.of('Helvetica-Bold'));
  expect(PDFName.of('ABCDEF+Not a PostScript name')).toBe(PDFName.of('ABCDEF+Not a PostScript name'));
});

test('a subset name made afresh reads and writes as a pooled one would', async () => {
  const name = PDFName.of('QWERTY+Inter-Bold');
  expect([name.asString(), name.decodeText(), name.toString(), name.sizeInBytes()]).toEqual(['/QWERTY+Inter-Bold', 'QWERTY+Inter-Bold', '/QWERTY+Inter-Bold', 18]);
  const fonts = await baseFonts(await renderPayslipPdf(document({ employee: employee({ firstName: 'Örjan' }) }), template, { variant: 'kivra' }));
  // Sorted by the font, not by the subset tag in front of it.
  expect(fonts.sort((a, b) => a.split('+')[1]!.localeCompare(b.split('+')[1]!))).toEqual([expect.stringMatching(/^[A-Z]{6}\+Inter-Bold$/), expect.stringMatching(/^[A-Z]{6}\+Inter-Regular$/)]);
});
