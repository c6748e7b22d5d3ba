import { CustomFontSubsetEmbedder } from 'pdf-lib';
import { encodeTrueTypeSubset, readSubsetSource, type TrueTypeSubsetSource } from './truetype-subset.js';

/**
 * Makes @pdf-lib/fontkit cheap for the way payslips use it: the same parsed font (cached
 * per process in payslip-pdf.ts) serves thousands of documents, each taking a small
 * subset. In the render profile (BENCHMARKS.md) fontkit spent its time writing subsets
 * (and waiting on timers while it did) and laying out the same texts again. Each change
 * below hands pdf-lib the same values and bytes as before (test/render/truetype-subset.test.ts
 * and a byte-for-byte check of rendered payloads say so).
 */

interface EncodeStream {
  push(chunk: Uint8Array | null): boolean;
  flush(): void;
}

interface FontkitSubset {
  glyphs: number[];
  encode(stream: EncodeStream): void;
}

interface SubsetEmbedder {
  fontData: Uint8Array;
  subset: FontkitSubset;
}

interface FontkitGlyph {
  id: number;
  codePoints: number[];
}

type FontkitGlyphClass = new (id: number, codePoints: number[], font: FontkitFont) => FontkitGlyph;

interface FontkitFont {
  createSubset(): object;
  layout(text: string, features?: unknown): unknown;
  getGlyph(id: number, characters?: number[]): FontkitGlyph | null;
}

let subsetsPatched = false;

/** Each font's tables, found once: keyed by the font bytes, which templates cache. */
const subsetSources = new WeakMap<Uint8Array, TrueTypeSubsetSource | null>();

function subsetSourceFor(bytes: Uint8Array): TrueTypeSubsetSource | null {
  let source = subsetSources.get(bytes);
  if (source === undefined) {
    source = readSubsetSource(bytes);
    subsetSources.set(bytes, source);
  }
  return source;
}

/**
 * How pdf-lib gets each subset's bytes. A TrueType subset is written by our own
 * `truetype-subset.ts`: the same bytes as fontkit's encoder, a tenth of the render time
 * less (BENCHMARKS.md). Other fonts (CFF-flavoured OpenType) stay with fontkit, minus its
 * timers: fontkit is a browser bundle whose `process.nextTick` and stream flow are
 * polyfills built on `setTimeout`, and pdf-lib read every subset through that stream, so
 * each font of each payslip waited on a chain of timers of at least 1 ms. Writing a
 * subset is synchronous underneath (`Subset.encode(stream)` calls the stream's write
 * methods, and the stream pushes filled buffers), so this collects what the stream would
 * have pushed, without the round trips.
 */
function serializeSubsetsDirectly(font: FontkitFont): void {
  if (subsetsPatched) return;
  // The bundle does not export its EncodeStream class; a stream it makes shows it. This
  // one stream is left to the bundle (it writes a one-glyph subset nobody reads).
  const probe = (font.createSubset() as { encodeStream(): object }).encodeStream();
  const EncodeStreamClass = probe.constructor as new () => EncodeStream;

  const prototype = CustomFontSubsetEmbedder.prototype as unknown as { serializeFont(this: SubsetEmbedder): Promise<Uint8Array> };
  prototype.serializeFont = function serializeFont() {
    const source = subsetSourceFor(this.fontData);
    if (source) return Promise.resolve(encodeTrueTypeSubset(source, this.subset.glyphs));
    const chunks: Uint8Array[] = [];
    const stream = new EncodeStreamClass();
    stream.push = (chunk) => {
      if (chunk) chunks.push(chunk);
      return true;
    };
    this.subset.encode(stream);
    stream.flush();
    return Promise.resolve(Buffer.concat(chunks));
  };
  subsetsPatched = true;
}

/** Texts laid out per font before the cache starts over; a payslip run repeats few texts. */
const LAYOUT_CACHE_SIZE = 2_000;
/**
 * Longer texts are laid out afresh each time: a line of a payslip is far shorter, and a
 * glyph run holds an object per character, so 2,000 cached runs of a 100,000-character
 * name from a careless export would hold gigabytes.
 */
const LAYOUT_CACHE_MAX_LENGTH = 256;

/**
 * pdf-lib lays out a text (characters to glyphs and advances) each time it measures or
 * draws it, and a payslip measures most texts two or three times before drawing them;
 * labels, dates and many amounts repeat across payslips. The glyph run is only read.
 */
function cacheLayouts(font: FontkitFont): void {
  const layout = font.layout.bind(font);
  const runs = new Map<string, unknown>();
  font.layout = (text, features) => {
    if (features !== undefined || text.length > LAYOUT_CACHE_MAX_LENGTH) return layout(text, features);
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= LAYOUT_CACHE_SIZE) runs.clear();
      run = layout(text);
      runs.set(text, run);
    }
    return run;
  };
}

/** Glyphs kept per font before the map starts over: more than a font has characters. */
const GLYPH_MAP_SIZE = 10_000;

/**
 * fontkit keeps one glyph object per glyph id for the life of a parsed font, holding the
 * characters it was first asked for, and pdf-lib writes each subset's ToUnicode map (what
 * copying and searching a PDF's text give) from those. Where a font draws several characters
 * with one glyph (Inter: ’ and ʼ, Ω and Ω; any font: every character it lacks), a payslip's
 * bytes, and its copied text, depended on which payslips the process had rendered before it.
 * A glyph asked for with characters is now one object per glyph and characters, made the
 * same way, so a payslip's ToUnicode map says what its own text says.
 */
function glyphPerCharacters(font: FontkitFont): void {
  const getGlyph = font.getGlyph.bind(font);
  const glyphs = new Map<number | string, FontkitGlyph | null>();
  const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((value, index) => value === b[index]);
  font.getGlyph = (id, characters = []) => {
    if (characters.length === 0) return getGlyph(id);
    const key = characters.length === 1 ? id * 0x110000 + characters[0]! : `${id}:${characters.join(',')}`;
    let glyph = glyphs.get(key);
    if (glyph === undefined) {
      const shared = getGlyph(id, characters);
      glyph = shared === null || same(shared.codePoints, characters) ? shared : new (shared.constructor as FontkitGlyphClass)(id, [...characters], font);
      if (glyphs.size >= GLYPH_MAP_SIZE) glyphs.clear();
      glyphs.set(key, glyph);
    }
    return glyph;
  };
}

/** Call once for each font fontkit parses for pdf-lib. */
export function tuneFontkitFont(font: FontkitFont): void {
  serializeSubsetsDirectly(font);
  cacheLayouts(font);
  glyphPerCharacters(font);
}
