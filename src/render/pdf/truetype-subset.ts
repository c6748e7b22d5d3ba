/**
 * Writes the subset of a TrueType font that a PDF embeds (FontFile2).
 *
 * Why our own: the tables a subset needs are copies of the source's bytes with a count or
 * an offset changed, so they are copied; fontkit re-encodes every table field by field.
 * And a subset here may hold one glyph twice: the engine gives every character its own
 * glyph slot (font.ts), so that two characters one glyph draws (’ and ʼ) each copy and
 * search as themselves, which a glyph-keyed subsetter cannot do.
 *
 * The layout follows fontkit's: a `true` table directory with zero checksums; then head,
 * hhea, loca, maxp, cvt, prep, glyf, hmtx, fpgm, in that order, the optional ones only when
 * the source has them; glyphs in the order given, each composite glyph's components
 * appended as they are met and renumbered inside the copied glyph. Unlike fontkit's
 * (before fontkit 2), each glyph is padded to four bytes, so a short `loca` (offsets
 * halved) is right whatever the source's glyph lengths.
 */
import { PayslipRenderError } from '../errors.js';
import { glyphOffset, isTrueType, readTableDirectory } from './truetype-tables.js';

const HEAD_LENGTH = 54;
const HHEA_LENGTH = 36;
const MAXP_LENGTH = 32;
const HINTING_TABLES = ['cvt ', 'prep', 'fpgm'];

// Composite glyph flags (OpenType 'glyf' table).
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** What subsetting reads from a font, found once per font. */
export interface TrueTypeSubsetSource {
  bytes: Uint8Array;
  view: DataView;
  head: Uint8Array;
  hhea: Uint8Array;
  maxp: Uint8Array;
  /** cvt, prep and fpgm, those the font has: hinting, copied whole. */
  hinting: Map<string, Uint8Array>;
  glyfOffset: number;
  locaOffset: number;
  longLoca: boolean;
  hmtxOffset: number;
  numberOfMetrics: number;
  numGlyphs: number;
}

/**
 * The parts of `bytes` a subset copies; null when it is not a TrueType font this module
 * can subset (CFF-flavoured OpenType, a font collection, a table missing or too short).
 */
export function readSubsetSource(bytes: Uint8Array): TrueTypeSubsetSource | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) return null;
  if (!isTrueType(view)) return null;
  const tables = readTableDirectory(view);
  const head = tables.get('head');
  const hhea = tables.get('hhea');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  const hmtx = tables.get('hmtx');
  if (!head || !hhea || !maxp || !loca || !glyf || !hmtx) return null;
  if (head.length < HEAD_LENGTH || hhea.length < HHEA_LENGTH || maxp.length < MAXP_LENGTH) return null;
  const slice = (offset: number, length: number): Uint8Array => bytes.subarray(offset, offset + length);
  return {
    bytes,
    view,
    head: slice(head.offset, HEAD_LENGTH),
    hhea: slice(hhea.offset, HHEA_LENGTH),
    maxp: slice(maxp.offset, MAXP_LENGTH),
    hinting: new Map(HINTING_TABLES.flatMap((tag) => {
      const table = tables.get(tag);
      return table ? [[tag, slice(table.offset, table.length)] as const] : [];
    })),
    glyfOffset: glyf.offset,
    locaOffset: loca.offset,
    longLoca: view.getInt16(head.offset + 50) === 1,
    hmtxOffset: hmtx.offset,
    numberOfMetrics: view.getUint16(hhea.offset + 34),
    numGlyphs: view.getUint16(maxp.offset + 4),
  };
}

/** One table of the subset: its size is known before its bytes are written. */
interface Table {
  tag: string;
  length: number;
  write(out: Uint8Array, view: DataView): void;
}

/**
 * A glyph that cannot be copied fails the payslip that uses it (and only that one: the
 * character is in its text), rather than printing it without that letter.
 */
function damaged(gid: number, why: string): PayslipRenderError {
  return new PayslipRenderError('render_failed', `The template's font is damaged: glyph ${gid}, which a character of this payslip needs, cannot be drawn (${why}).`);
}

function glyphRange(source: TrueTypeSubsetSource, gid: number): [number, number] {
  const { view, locaOffset, longLoca } = source;
  return [glyphOffset(view, locaOffset, longLoca, gid), glyphOffset(view, locaOffset, longLoca, gid + 1)];
}

/** Advance width and left side bearing, as 'hmtx' gives them for `gid`. */
function writeMetrics(source: TrueTypeSubsetSource, gid: number, out: DataView, at: number): void {
  const { view, hmtxOffset, numberOfMetrics } = source;
  if (gid < numberOfMetrics) {
    out.setUint32(at, view.getUint32(hmtxOffset + gid * 4));
    return;
  }
  // Glyphs past the last full metric share its advance and have only a bearing of their own.
  out.setUint16(at, numberOfMetrics > 0 ? view.getUint16(hmtxOffset + (numberOfMetrics - 1) * 4) : 0);
  out.setInt16(at + 2, view.getInt16(hmtxOffset + numberOfMetrics * 4 + (gid - numberOfMetrics) * 2));
}

/** A subset's font file, and the source glyph of each of its glyphs, components included. */
export interface TrueTypeSubset {
  bytes: Uint8Array;
  glyphs: number[];
}

/**
 * The subset font file for `glyphIds`: subset glyph 0 is `glyphIds[0]`, and so on, a
 * glyph listed twice copied twice; the components of composite glyphs follow, each once.
 * Callers start with glyph 0, the missing glyph.
 */
export function encodeTrueTypeSubset(source: TrueTypeSubsetSource, glyphIds: readonly number[]): TrueTypeSubset {
  const glyphs = [...glyphIds];
  const index = new Map<number, number>();
  glyphs.forEach((gid, at) => {
    if (!index.has(gid)) index.set(gid, at);
  });
  const include = (gid: number): number => {
    let at = index.get(gid);
    if (at === undefined) {
      at = glyphs.length;
      glyphs.push(gid);
      index.set(gid, at);
    }
    return at;
  };

  // Glyph data, copied; composites get their component ids rewritten to subset ids.
  const pieces: Uint8Array[] = [];
  let glyfLength = 0;
  for (let i = 0; i < glyphs.length; i += 1) {
    const gid = glyphs[i]!;
    const [start, end] = gid < source.numGlyphs ? glyphRange(source, gid) : [0, 0];
    if (end < start || source.glyfOffset + end > source.bytes.length) throw damaged(gid, 'its outline lies outside the font file');
    let piece = source.bytes.subarray(source.glyfOffset + start, source.glyfOffset + end);
    if (piece.length % 4 !== 0) {
      const padded = new Uint8Array(Math.ceil(piece.length / 4) * 4);
      padded.set(piece);
      piece = padded;
    }
    if (piece.length >= 10 && source.view.getInt16(source.glyfOffset + start) < 0) {
      if (piece.buffer === source.bytes.buffer) piece = piece.slice();
      const glyph = new DataView(piece.buffer, piece.byteOffset, piece.byteLength);
      let at = 10;
      let flags = MORE_COMPONENTS;
      while (flags & MORE_COMPONENTS) {
        if (at + 4 > piece.length) throw damaged(gid, 'a composite glyph whose list of parts runs past its end');
        flags = glyph.getUint16(at);
        const component = glyph.getUint16(at + 2);
        if (component >= source.numGlyphs) throw damaged(gid, `a composite glyph made of glyph ${component}, which the font does not have`);
        glyph.setUint16(at + 2, include(component));
        at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
        if (flags & WE_HAVE_A_SCALE) at += 2;
        else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
        else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      }
    }
    pieces.push(piece);
    glyfLength += piece.length;
  }

  const count = glyphs.length;
  const longLoca = glyfLength > 0xffff;
  const copied = (tag: string): Table[] => {
    const bytes = source.hinting.get(tag);
    return bytes ? [{ tag, length: bytes.length, write: (out) => out.set(bytes) }] : [];
  };
  const tables: Table[] = [
    {
      tag: 'head',
      length: HEAD_LENGTH,
      write: (out, view) => {
        out.set(source.head);
        view.setInt16(50, longLoca ? 1 : 0); // indexToLocFormat
      },
    },
    {
      tag: 'hhea',
      length: HHEA_LENGTH,
      write: (out, view) => {
        out.set(source.hhea);
        view.setUint16(34, count); // numberOfHMetrics: every glyph has its own
      },
    },
    {
      tag: 'loca',
      length: (count + 1) * (longLoca ? 4 : 2),
      write: (_out, view) => {
        let offset = 0;
        for (let i = 0; i <= count; i += 1) {
          if (longLoca) view.setUint32(i * 4, offset);
          else view.setUint16(i * 2, offset >>> 1);
          if (i < count) offset += pieces[i]!.length;
        }
      },
    },
    {
      tag: 'maxp',
      length: MAXP_LENGTH,
      write: (out, view) => {
        out.set(source.maxp);
        view.setUint16(4, count); // numGlyphs
      },
    },
    ...copied('cvt '),
    ...copied('prep'),
    {
      tag: 'glyf',
      length: glyfLength,
      write: (out) => {
        let at = 0;
        for (const piece of pieces) {
          out.set(piece, at);
          at += piece.length;
        }
      },
    },
    {
      tag: 'hmtx',
      length: count * 4,
      write: (_out, view) => glyphs.forEach((gid, i) => writeMetrics(source, gid, view, i * 4)),
    },
    ...copied('fpgm'),
  ];

  const directoryLength = 12 + tables.length * 16;
  const output = new Uint8Array(directoryLength + tables.reduce((sum, table) => sum + table.length, 0));
  const view = new DataView(output.buffer);
  const entrySelector = Math.floor(Math.log2(tables.length));
  view.setUint32(0, 0x74727565); // 'true', as fontkit writes it
  view.setUint16(4, tables.length);
  view.setUint16(6, 2 ** entrySelector * 16);
  view.setUint16(8, entrySelector);
  view.setUint16(10, tables.length * 16 - 2 ** entrySelector * 16);
  let offset = directoryLength;
  tables.forEach((table, i) => {
    const record = 12 + i * 16;
    for (let c = 0; c < 4; c += 1) view.setUint8(record + c, table.tag.charCodeAt(c));
    view.setUint32(record + 4, 0); // checksum: fontkit writes none, and PDF readers need none
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, table.length);
    table.write(output.subarray(offset, offset + table.length), new DataView(output.buffer, offset, table.length));
    offset += table.length;
  });
  return { bytes: output, glyphs };
}
