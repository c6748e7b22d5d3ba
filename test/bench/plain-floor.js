#!/usr/bin/env node
/**
 * The plain pdf-lib floor (issue 19): how long pdf-lib itself, through its public API and
 * nothing else, takes to render N one-page documents comparable to a payslip — a title
 * and 14 rows of text in the built-in Helvetica, one thread, each document made, drawn
 * and saved on its own. It has no embedded font, no template, no database, no worker:
 * the least any PDF payslip could cost with this library on this machine, so the send's
 * time can be read as a multiple of it.
 *
 * Run as a child of the benchmark (so it shares no heap with it); prints one JSON line:
 * `{ count, wallMs, bytes }`, the wall time of the rendering alone (Node's start excluded).
 *
 *   node test/bench/plain-floor.js 5000
 */
import { performance } from 'node:perf_hooks';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const count = Number(process.argv[2] ?? '5000');
if (!Number.isInteger(count) || count < 1) {
  process.stderr.write('usage: node test/bench/plain-floor.js <count>\n');
  process.exit(2);
}

const ROWS = ['Månadslön', 'Övertid 50 %', 'OB-tillägg kväll', 'Sjukavdrag dag 2–14', 'Karensavdrag', 'Semestertillägg', 'Bilförmån', 'Kostförmån', 'Utlägg', 'Traktamente', 'Milersättning', 'Fackavgift', 'Löneförskott', 'Cykelförmån'];

let bytes = 0;
const started = performance.now();
for (let index = 0; index < count; index += 1) {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595.28, 841.89]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(`Lönespecifikation 2026-11, anställd ${10000 + index}`, { x: 57, y: 780, size: 18, font, color: rgb(0.12, 0.23, 0.37) });
  ROWS.forEach((text, row) => {
    const amount = (((index * 7919 + row * 104729) % 4000000) / 100).toFixed(2).replace('.', ',');
    page.drawText(`${1100 + row * 10}   ${text}   ${amount} kr`, { x: 57, y: 740 - row * 16, size: 9, font });
  });
  bytes += (await pdf.save()).length;
}
const wallMs = performance.now() - started;
process.stdout.write(`${JSON.stringify({ count, wallMs, bytes })}\n`);
