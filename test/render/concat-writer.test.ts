import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, expect, test } from 'vitest';
import { createPdfConcatWriter } from '../../src/render/pdf/index.js';
import { renderPayslipPdf } from '../../src/render/payslip-pdf.js';
import { loadTemplate } from '../../src/render/template.js';
import { document, employee, longDocument } from './documents.js';
import { readPages } from './pdf-inspect.js';

const dir = mkdtempSync(join(tmpdir(), 'payslips-concat-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('a batch of payslips reads back as their pages, in order, under one page tree', async () => {
  const template = await loadTemplate();
  const docs = [document({ employee: employee({ firstName: 'Örjan', lastName: 'Åkerlund' }) }), longDocument(), document({ employee: employee({ firstName: 'Maria', lastName: 'Persson' }) })];
  const path = join(dir, 'batch.pdf');
  const file = await open(path, 'w');
  const writer = createPdfConcatWriter(file);
  const pagesEach: number[] = [];
  for (const doc of docs) pagesEach.push(await writer.append(await renderPayslipPdf(doc, template, { variant: 'print' })));
  await writer.finish({ title: 'Utskrift' });
  await file.close();

  const bytes = readFileSync(path);
  const batch = await PDFDocument.load(bytes);
  expect(batch.getPageCount()).toBe(pagesEach.reduce((a, b) => a + b, 0));
  expect(pagesEach[1]).toBeGreaterThan(1);
  const tree = batch.catalog.Pages();
  for (const page of batch.getPages()) expect(page.node.Parent()).toBe(tree);
  const texts = (await readPages(bytes)).map((page) => page.text);
  expect(texts[0]).toContain('Örjan Åkerlund');
  expect(texts.at(-1)).toContain('Maria Persson');
});
