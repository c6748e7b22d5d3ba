/**
 * A template font, prepared once per process, and embedded in each PDF as a subset.
 *
 * Every character gets a glyph slot of its own, and the slots of a fixed character set —
 * printable ASCII and the Swedish and Nordic letters and signs — are the same in every
 * PDF: that part of the font (its file, widths and ToUnicode map, compressed)
 * is written once per process and copied into each payslip. Characters outside the set
 * (a name in another script) get slots after it, in the order the payslip first draws
 * them, and that payslip's font file is written for it. Either way a payslip's font
 * depends on its own text only, never on the payslips rendered before it or beside it
 * in the job, so the same payslip has the same bytes in any job.
 *
 * Text is not shaped: each character is drawn with the glyph the font's `cmap` gives it,
 * measured by its advance width (no kerning, no ligatures), so copied and extracted text
 * is exactly the text drawn. fontkit is used through its public API only: to read the
 * font, its `cmap` and metrics, and to subset CFF-flavoured fonts (.otf); TrueType
 * subsets are written by truetype-subset.ts.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { create, type Font } from 'fontkit';
import { PayslipRenderError } from '../errors.js';
import { encodeTrueTypeSubset, readSubsetSource, type TrueTypeSubsetSource } from './truetype-subset.js';
import { readTableDirectory } from './truetype-tables.js';
import { pdfName, pdfNumber, ref, type PdfFileWriter } from './writer.js';

/**
 * The characters whose slots are prepared once: printable ASCII, and the letters, signs
 * and punctuation of Swedish payslips and the Nordic names in a Swedish payroll (the
 * default template's labels need À, –, · and …; amounts the no-break space). Kept small on
 * purpose: every payslip carries these glyphs, and every byte of it is base64-encoded,
 * stored before it is posted and posted (BENCHMARKS.md weighs 8 kB against 14 kB a font
 * for all of Latin-1 and Latin Extended-A). Other characters cost the payslips that have
 * them a font file of their own.
 */
const BASE_CHARACTERS: readonly number[] = [
  ...range(0x20, 0x7e),
  // no-break space § ° · À Ä Å Æ É Ö Ø Ü à ä å æ é ö ø ü
  0xa0, 0xa7, 0xb0, 0xb7, 0xc0, 0xc4, 0xc5, 0xc6, 0xc9, 0xd6, 0xd8, 0xdc, 0xe0, 0xe4, 0xe5, 0xe6, 0xe9, 0xf6, 0xf8, 0xfc,
  // – ’ … € −
  0x2013, 0x2019, 0x2026, 0x20ac, 0x2212,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The parts of one subset as they go into a PDF, the streams compressed. */
interface SubsetObjects {
  /** `ABCDEF+Inter-Regular`: a tag from the subset's characters, so equal subsets share it. */
  baseFont: string;
  program: Uint8Array;
  toUnicode: Uint8Array;
  /** The CIDFont's /W array, as PDF text. */
  widths: string;
}

/** A character the font cannot draw because its glyph is damaged: fails the payslip that has it. */
type Damage = PayslipRenderError;

export class PdfFont {
  readonly postscriptName: string;
  private readonly font: Font;
  private readonly truetype: TrueTypeSubsetSource | null;
  private readonly scale: number;
  private readonly flags: number;
  /** Advance widths of the characters met so far, as /W gives them (whole 1/1000 em). */
  private readonly advances = new Map<number, number>();
  private readonly glyphIds = new Map<number, number>();
  /** The base characters' slots (slot 0 is the missing glyph), and their glyph ids in order. */
  private readonly baseSlots = new Map<number, number>();
  private readonly baseCharacters: number[] = [];
  private readonly baseGlyphs: number[] = [0];
  /** CFF only: the slot of each glyph of the base subset (fontkit keeps a glyph once). */
  private readonly baseGlyphSlots = new Map<number, number>([[0, 0]]);
  /** TrueType only: the base subset's glyphs, components included: extras follow them. */
  private baseSubsetGlyphs: number[] = [];
  private readonly damaged = new Map<number, Damage>();
  private readonly base: SubsetObjects;
  /**
   * Texts measured and encoded before, with their width (1/1000 em) and their slots as hex
   * when every character is a base one: a payslip's labels, dates and most amounts are the
   * same as the last payslip's, and each is measured several times while it is laid out.
   */
  private readonly textWidths = new Map<string, number>();
  private readonly baseTexts = new Map<string, string>();

  constructor(bytes: Uint8Array) {
    const font = create(bytes);
    if ('fonts' in font) throw new Error('a font collection (.ttc), not a single font');
    this.font = font;
    this.postscriptName = (font.postscriptName ?? '').replace(/[^A-Za-z0-9_.-]/g, '') || 'Font';
    this.scale = 1000 / font.unitsPerEm;
    this.truetype = readSubsetSource(bytes);
    this.flags = fontFlags(bytes);

    // Each base character the font has gets a slot, unless its glyph is damaged: then only
    // payslips with that character fail (when they draw it), not every payslip.
    for (const codePoint of BASE_CHARACTERS) {
      const gid = this.glyphId(codePoint);
      if (gid === 0) continue;
      const problem = this.checkGlyph(gid);
      if (problem) {
        this.damaged.set(codePoint, problem);
        continue;
      }
      this.baseCharacters.push(codePoint);
      if (this.truetype) {
        this.baseSlots.set(codePoint, this.baseGlyphs.length);
        this.baseGlyphs.push(gid);
      } else {
        let slot = this.baseGlyphSlots.get(gid);
        if (slot === undefined) {
          slot = this.baseGlyphs.length;
          this.baseGlyphs.push(gid);
          this.baseGlyphSlots.set(gid, slot);
        }
        this.baseSlots.set(codePoint, slot);
      }
    }
    this.base = this.subsetObjects([]);
  }

  /** Width of `text` drawn at `size` points, in points. */
  widthOfTextAtSize(text: string, size: number): number {
    let total = this.textWidths.get(text);
    if (total === undefined) {
      total = 0;
      for (const character of text) total += this.advance(character.codePointAt(0)!);
      remember(this.textWidths, text, total);
    }
    return (total * size) / 1000;
  }

  /** Height from the lowest descender (or the baseline) to the highest ascender at `size`, in points. */
  heightAtSize(size: number, options: { descender?: boolean } = {}): number {
    const { ascent, descent, bbox } = this.font;
    let height = ((ascent || bbox.maxY) - (descent || bbox.minY)) * this.scale;
    if (options.descender === false) height -= Math.abs(descent) * this.scale;
    return (height / 1000) * size;
  }

  /** The font as one PDF uses it: which characters beyond the base set, in which slots. */
  use(): FontUse {
    return new FontUse(this);
  }

  /**
   * `text` as a PDF hex string of base slots, or undefined when a character of it is not
   * in the base set (a FontUse gives that one a slot of the PDF's own). Throws for a
   * character whose glyph is damaged.
   */
  baseHex(text: string): string | undefined {
    let hex = this.baseTexts.get(text);
    if (hex !== undefined) return hex;
    const slots: string[] = [];
    for (const character of text) {
      const slot = this.baseSlot(character.codePointAt(0)!);
      if (slot === undefined) return undefined;
      slots.push(SLOT_HEX[slot] ?? hex4(slot));
    }
    hex = `<${slots.join('')}>`;
    remember(this.baseTexts, text, hex);
    return hex;
  }

  /** The slot of a base character, or undefined; throws for a character whose glyph is damaged. */
  baseSlot(codePoint: number): number | undefined {
    const damage = this.damaged.get(codePoint);
    if (damage) throw damage;
    return this.baseSlots.get(codePoint);
  }

  /**
   * The slot of a character outside the base set, for a PDF whose earlier extra characters
   * are `use`'s: TrueType gives each its own, after the base subset's glyphs; CFF shares
   * a slot between characters of one glyph, as fontkit's subsetter does.
   */
  extraSlot(codePoint: number, use: FontUse): number {
    if (this.truetype) return this.baseSubsetGlyphs.length + use.extras.length;
    const gid = this.glyphId(codePoint);
    const known = this.baseGlyphSlots.get(gid) ?? use.glyphSlots.get(gid);
    if (known !== undefined) return known;
    const slot = this.baseGlyphs.length + use.glyphSlots.size;
    use.glyphSlots.set(gid, slot);
    return slot;
  }

  /** Writes the five objects of this font (`numbers`, in order) for the given extra characters. */
  write(writer: PdfFileWriter, numbers: FontNumbers, extras: readonly number[]): void {
    const objects = extras.length === 0 ? this.base : this.subsetObjects(extras);
    const cff = this.truetype === null;
    const name = pdfName(objects.baseFont);
    writer.object(numbers.type0, `<< /Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [${ref(numbers.cidFont)}] /ToUnicode ${ref(numbers.toUnicode)} >>`);
    writer.object(
      numbers.cidFont,
      `<< /Type /Font /Subtype /${cff ? 'CIDFontType0' : 'CIDFontType2'} /BaseFont ${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${ref(numbers.descriptor)}${cff ? '' : ' /CIDToGIDMap /Identity'} /W ${objects.widths} >>`,
    );
    const { italicAngle, ascent, descent, capHeight, xHeight, bbox } = this.font;
    const s = (value: number): string => pdfNumber(value * this.scale);
    writer.object(
      numbers.descriptor,
      `<< /Type /FontDescriptor /FontName ${name} /Flags ${this.flags} /FontBBox [${s(bbox.minX)} ${s(bbox.minY)} ${s(bbox.maxX)} ${s(bbox.maxY)}] /ItalicAngle ${pdfNumber(italicAngle)} /Ascent ${s(ascent)} /Descent ${s(descent)} /CapHeight ${s(capHeight || ascent)} /XHeight ${s(xHeight || 0)} /StemV 0 /${cff ? 'FontFile3' : 'FontFile2'} ${ref(numbers.program)} >>`,
    );
    writer.stream(numbers.program, cff ? '/Subtype /CIDFontType0C /Filter /FlateDecode' : '/Filter /FlateDecode', objects.program);
    writer.stream(numbers.toUnicode, '/Filter /FlateDecode', objects.toUnicode);
  }

  private glyphId(codePoint: number): number {
    let gid = this.glyphIds.get(codePoint);
    if (gid === undefined) {
      gid = this.font.glyphForCodePoint(codePoint).id;
      this.glyphIds.set(codePoint, gid);
    }
    return gid;
  }

  private advance(codePoint: number): number {
    let width = this.advances.get(codePoint);
    if (width === undefined) {
      width = this.widthOf(this.glyphId(codePoint));
      this.advances.set(codePoint, width);
    }
    return width;
  }

  /**
   * A glyph's advance in whole 1/1000 em, rounded down: what /W says and what text is
   * measured with, so a viewer draws text exactly as wide as the layout measured it.
   */
  private widthOf(gid: number): number {
    return Math.floor(this.font.getGlyph(gid).advanceWidth * this.scale);
  }

  /** Why glyph `gid` cannot be embedded, or null when it can. */
  private checkGlyph(gid: number): Damage | null {
    if (!this.truetype) return null;
    try {
      encodeTrueTypeSubset(this.truetype, [0, gid]);
      return null;
    } catch (error) {
      if (error instanceof PayslipRenderError) return error;
      throw error;
    }
  }

  /** The subset of the base characters and `extras` (their slots follow the base's, in order). */
  private subsetObjects(extras: readonly number[]): SubsetObjects {
    const characters = [...this.baseCharacters, ...extras];
    let slots: number[]; // the source glyph of each slot
    let program: Uint8Array;
    let slotOf: (index: number) => number; // the slot of characters[index]
    if (this.truetype) {
      const subset = encodeTrueTypeSubset(this.truetype, [...(extras.length === 0 ? this.baseGlyphs : this.baseSubsetGlyphs), ...extras.map((cp) => this.glyphId(cp))]);
      if (extras.length === 0) this.baseSubsetGlyphs = subset.glyphs;
      const firstExtra = this.baseSubsetGlyphs.length;
      const baseCount = this.baseCharacters.length;
      slots = subset.glyphs;
      program = subset.bytes;
      slotOf = (index) => (index < baseCount ? this.baseSlots.get(characters[index]!)! : firstExtra + index - baseCount);
    } else {
      // fontkit's CFF subsetter keeps each glyph once: two characters of one glyph share a slot.
      const subset = this.font.createSubset();
      const slotsOfCharacters = characters.map((cp) => subset.includeGlyph(this.glyphId(cp)));
      slots = [0];
      characters.forEach((cp, index) => (slots[slotsOfCharacters[index]!] = this.glyphId(cp)));
      program = subset.encode();
      slotOf = (index) => slotsOfCharacters[index]!;
    }
    const unicode = new Map<number, number>();
    characters.forEach((cp, index) => {
      const slot = slotOf(index);
      if (!unicode.has(slot)) unicode.set(slot, cp);
    });
    const widths = slots.map((gid) => String(this.widthOf(gid))).join(' ');
    const tag = Array.from(createHash('sha256').update(this.postscriptName).update(String(characters)).digest().subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join('');
    return {
      baseFont: `${tag}+${this.postscriptName}`,
      program: deflateSync(program),
      toUnicode: deflateSync(toUnicodeCMap(unicode)),
      widths: `[0 [${widths}]]`,
    };
  }
}

/** Object numbers of one embedded font. */
export interface FontNumbers {
  type0: number;
  cidFont: number;
  descriptor: number;
  program: number;
  toUnicode: number;
}

/** One PDF's use of a font: the characters it draws beyond the base set, each given a slot. */
export class FontUse {
  readonly extras: number[] = [];
  /** CFF only: the slots of the extra characters' glyphs. */
  readonly glyphSlots = new Map<number, number>();
  private readonly extraSlots = new Map<number, number>();

  constructor(readonly font: PdfFont) {}

  /** `text` as a PDF hex string of slots (Identity-H: two bytes a glyph). */
  encode(text: string): string {
    const base = this.font.baseHex(text);
    if (base !== undefined) return base;
    let hex = '<';
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      let slot = this.font.baseSlot(codePoint) ?? this.extraSlots.get(codePoint);
      if (slot === undefined) {
        slot = this.font.extraSlot(codePoint, this);
        this.extras.push(codePoint);
        this.extraSlots.set(codePoint, slot);
      }
      hex += SLOT_HEX[slot] ?? hex4(slot);
    }
    return `${hex}>`;
  }
}

const hex4 = (value: number): string => value.toString(16).toUpperCase().padStart(4, '0');
const SLOT_HEX = Array.from({ length: 1024 }, (_, slot) => hex4(slot));

/** How many texts a font remembers; past it, it starts again (names and amounts vary without end). */
const TEXT_CACHE_SIZE = 4096;

function remember<T>(cache: Map<string, T>, text: string, value: T): void {
  if (cache.size >= TEXT_CACHE_SIZE) cache.clear();
  cache.set(text, value);
}

/**
 * A ToUnicode CMap (§9.10.3): slot → the character it draws. Runs of slots drawing
 * consecutive characters (the base set's ASCII) are one range each; the rest one by one;
 * in blocks of at most 100 entries.
 */
function toUnicodeCMap(unicode: Map<number, number>): Uint8Array {
  const sorted = [...unicode].sort((a, b) => a[0] - b[0]);
  const ranges: string[] = [];
  const chars: string[] = [];
  for (let at = 0; at < sorted.length; ) {
    const [slot, cp] = sorted[at]!;
    let end = at;
    // A range may not cross a 256-boundary of its slots, nor of its characters (and stays in the BMP).
    while (end + 1 < sorted.length && sorted[end + 1]![0] === slot + end + 1 - at && sorted[end + 1]![1] === cp + end + 1 - at && (slot + end + 1 - at) >> 8 === slot >> 8 && (cp + end + 1 - at) >> 8 === cp >> 8 && cp + end + 1 - at < 0xd800) end += 1;
    if (end > at) ranges.push(`<${hex4(slot)}> <${hex4(sorted[end]![0])}> <${utf16Hex(cp)}>`);
    else chars.push(`<${hex4(slot)}> <${utf16Hex(cp)}>`);
    at = end + 1;
  }
  const blocks: string[] = [];
  for (const [entries, kind] of [[ranges, 'bfrange'], [chars, 'bfchar']] as const) {
    for (let at = 0; at < entries.length; at += 100) {
      const block = entries.slice(at, at + 100);
      blocks.push(`${block.length} begin${kind}\n${block.join('\n')}\nend${kind}\n`);
    }
  }
  return Buffer.from(
    '/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
      '/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
      `${blocks.join('')}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`,
    'latin1',
  );
}

function utf16Hex(codePoint: number): string {
  return String.fromCodePoint(codePoint)
    .split('')
    .map((unit) => unit.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'))
    .join('');
}

/**
 * The FontDescriptor's /Flags (§9.8.2), as PDFKit and pdf-lib derive them: symbolic (the
 * font has characters outside Adobe's standard Latin set), fixed pitch from `post`, serif
 * and script from the OS/2 family class, italic from `head`.
 */
function fontFlags(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tables = readTableDirectory(view);
  const read = (tag: string, offset: number, size: 2 | 4): number => {
    const table = tables.get(tag);
    if (!table || table.length < offset + size) return 0;
    return size === 2 ? view.getUint16(table.offset + offset) : view.getUint32(table.offset + offset);
  };
  const familyClass = read('OS/2', 30, 2) >> 8;
  let flags = 1 << 2; // symbolic
  if (read('post', 12, 4) !== 0) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (read('head', 44, 2) & 0x02) flags |= 1 << 6;
  return flags;
}

const fonts = new WeakMap<Uint8Array, PdfFont>();

/**
 * The prepared font for `bytes`, made once per process: keyed by the bytes, which
 * templates load once. Throws when the bytes are not a font the engine can embed.
 */
export function loadPdfFont(bytes: Uint8Array): PdfFont {
  let font = fonts.get(bytes);
  if (!font) {
    font = new PdfFont(bytes);
    fonts.set(bytes, font);
  }
  return font;
}
