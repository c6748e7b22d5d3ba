/**
 * Prepares a TrueType font, once per template, so pdf-lib can subset it correctly and fast.
 *
 * Why: @pdf-lib/fontkit's subsetter copies each glyph's bytes as they are and then writes a
 * *short* `loca` table (offsets stored halved) whenever the subset is small. Fonts with a long
 * `loca` — Inter among them — have glyphs of odd length, so the halved offsets point into the
 * middle of glyphs and most letters come out blank. Padding every glyph to a 4-byte boundary
 * (what the OpenType spec recommends anyway) makes every offset even and the subset valid.
 *
 * While rewriting, the OpenType layout tables (GSUB, GPOS, GDEF, …) are dropped: pdf-lib only
 * uses glyph ids and advance widths, never positions, and shaping with those tables is most of
 * the per-payslip cost. Without GSUB every character maps to its plain glyph, which also keeps
 * copied and extracted text exactly equal to the input (no ligature glyphs).
 *
 * CFF-flavoured OpenType (`OTTO`) is returned unchanged: it has no `glyf`/`loca`.
 */

import { glyphOffset, isTrueType, readTableDirectory, type TableRecord } from './truetype-tables.js';

const DROPPED_TABLES = new Set(['GSUB', 'GPOS', 'GDEF', 'JSTF', 'BASE', 'STAT', 'DSIG', 'kern', 'morx', 'mort', 'hdmx', 'LTSH', 'VDMX']);

function getTable(tables: Map<string, TableRecord>, tag: string): TableRecord {
  const table = tables.get(tag);
  if (!table) throw new Error(`The font has no '${tag}' table.`);
  return table;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  let sum = 0;
  for (let at = 0; at < padded.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

function rebuildGlyphs(font: Uint8Array, view: DataView, tables: Map<string, TableRecord>): { glyf: Uint8Array; loca: Uint8Array } {
  const head = getTable(tables, 'head');
  const loca = getTable(tables, 'loca');
  const glyf = getTable(tables, 'glyf');
  const numGlyphs = view.getUint16(getTable(tables, 'maxp').offset + 4);
  const longOffsets = view.getInt16(head.offset + 50) === 1;
  const offsetAt = (gid: number): number => glyphOffset(view, loca.offset, longOffsets, gid);

  const pieces: Uint8Array[] = [];
  const newLoca = new Uint8Array((numGlyphs + 1) * 4);
  const locaView = new DataView(newLoca.buffer);
  let position = 0;
  for (let gid = 0; gid < numGlyphs; gid += 1) {
    const start = offsetAt(gid);
    const end = offsetAt(gid + 1);
    locaView.setUint32(gid * 4, position);
    const length = Math.max(0, end - start);
    const padded = Math.ceil(length / 4) * 4;
    const piece = new Uint8Array(padded);
    piece.set(font.subarray(glyf.offset + start, glyf.offset + start + length));
    pieces.push(piece);
    position += padded;
  }
  locaView.setUint32(numGlyphs * 4, position);
  const newGlyf = new Uint8Array(position);
  let at = 0;
  for (const piece of pieces) {
    newGlyf.set(piece, at);
    at += piece.length;
  }
  return { glyf: newGlyf, loca: newLoca };
}

export function prepareTrueTypeFont(input: Uint8Array): Uint8Array {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (!isTrueType(view)) return input;

  const tables = readTableDirectory(view);
  const { glyf, loca } = rebuildGlyphs(input, view, tables);
  const headRecord = getTable(tables, 'head');
  const head = input.slice(headRecord.offset, headRecord.offset + headRecord.length);
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0); // checkSumAdjustment, recomputed over the whole file below
  headView.setInt16(50, 1); // indexToLocFormat: long offsets

  const contents = new Map<string, Uint8Array>();
  for (const table of [...tables.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0))) {
    if (DROPPED_TABLES.has(table.tag)) continue;
    if (table.tag === 'glyf') contents.set('glyf', glyf);
    else if (table.tag === 'loca') contents.set('loca', loca);
    else if (table.tag === 'head') contents.set('head', head);
    else contents.set(table.tag, input.subarray(table.offset, table.offset + table.length));
  }

  const count = contents.size;
  const headerLength = 12 + count * 16;
  let total = headerLength;
  for (const bytes of contents.values()) total += Math.ceil(bytes.length / 4) * 4;
  const output = new Uint8Array(total);
  const out = new DataView(output.buffer);
  const entrySelector = Math.floor(Math.log2(count));
  out.setUint32(0, 0x00010000);
  out.setUint16(4, count);
  out.setUint16(6, 2 ** entrySelector * 16);
  out.setUint16(8, entrySelector);
  out.setUint16(10, count * 16 - 2 ** entrySelector * 16);

  let offset = headerLength;
  let index = 0;
  let headOffset = 0;
  for (const [tag, bytes] of contents) {
    const record = 12 + index * 16;
    for (let c = 0; c < 4; c += 1) out.setUint8(record + c, tag.charCodeAt(c));
    out.setUint32(record + 4, checksum(bytes));
    out.setUint32(record + 8, offset);
    out.setUint32(record + 12, bytes.length);
    output.set(bytes, offset);
    if (tag === 'head') headOffset = offset;
    offset += Math.ceil(bytes.length / 4) * 4;
    index += 1;
  }
  out.setUint32(headOffset + 8, (0xb1b0afba - checksum(output)) >>> 0);
  return output;
}
