import { CustomFontSubsetEmbedder } from 'pdf-lib';

/**
 * Makes @pdf-lib/fontkit cheap for the way payslips use it: the same parsed font (cached
 * per process in payslip-pdf.ts) serves thousands of documents, each taking a small
 * subset. Three costs in the render profile (BENCHMARKS.md) came from fontkit redoing,
 * per document, work whose result never changes. Each change below hands pdf-lib the same
 * values and bytes as before (a byte-for-byte check of rendered payloads says so).
 */

interface EncodeStream {
  push(chunk: Uint8Array | null): boolean;
  flush(): void;
}

interface FontkitSubset {
  encode(stream: EncodeStream): void;
}

interface FontkitGlyph {
  _decode(this: FontkitGlyph): unknown;
  _font: { _variationProcessor?: unknown };
}

interface FontkitFont {
  createSubset(): object;
  getGlyph(id: number): object;
  layout(text: string, features?: unknown): unknown;
}

let subsetsPatched = false;

/**
 * fontkit is a browser bundle whose `process.nextTick` and stream flow are polyfills built
 * on `setTimeout`, and pdf-lib reads every subset through that stream: each font of each
 * payslip waited on a chain of timers of at least 1 ms — a fifth of a render worker's time
 * was idle. Writing a subset is synchronous underneath (`Subset.encode(stream)` calls the
 * stream's write methods, and the stream pushes filled buffers), so this collects what the
 * stream would have pushed, without the round trips.
 */
function encodeSubsetsWithoutTimers(font: FontkitFont): void {
  if (subsetsPatched) return;
  // The bundle does not export its EncodeStream class; a stream it makes shows it. This
  // one stream is left to the bundle (it writes a one-glyph subset nobody reads).
  const probe = (font.createSubset() as { encodeStream(): object }).encodeStream();
  const EncodeStreamClass = probe.constructor as new () => EncodeStream;

  const prototype = CustomFontSubsetEmbedder.prototype as unknown as { serializeFont(this: { subset: FontkitSubset }): Promise<Uint8Array> };
  prototype.serializeFont = function serializeFont() {
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

let glyphsPatched = false;

/**
 * A subset decodes every glyph it takes (all its points) only to learn whether the glyph is
 * made of other glyphs; a glyph decodes the same every time, and fontkit keeps one glyph
 * object per font, so the decoded form is kept with it. Fonts with variations are left
 * alone: there the decoded points depend on the chosen instance.
 */
function decodeGlyphsOnce(font: FontkitFont): void {
  if (glyphsPatched) return;
  let owner = Object.getPrototypeOf(font.getGlyph(0)) as object | null;
  while (owner && !Object.prototype.hasOwnProperty.call(owner, '_decode')) owner = Object.getPrototypeOf(owner) as object | null;
  if (!owner) return;
  const glyphPrototype = owner as FontkitGlyph;
  const decode = glyphPrototype._decode;
  const decoded = new WeakMap<FontkitGlyph, unknown>();
  glyphPrototype._decode = function decodeOnce(this: FontkitGlyph) {
    if (this._font._variationProcessor) return decode.call(this);
    if (!decoded.has(this)) decoded.set(this, decode.call(this));
    return decoded.get(this);
  };
  glyphsPatched = true;
}

/** Texts laid out per font before the cache starts over; a payslip run repeats few texts. */
const LAYOUT_CACHE_SIZE = 2_000;

/**
 * pdf-lib lays out a text (characters to glyphs and advances) each time it measures or
 * draws it, and a payslip measures most texts two or three times before drawing them;
 * labels, dates and many amounts repeat across payslips. The glyph run is only read.
 */
function cacheLayouts(font: FontkitFont): void {
  const layout = font.layout.bind(font);
  const runs = new Map<string, unknown>();
  font.layout = (text, features) => {
    if (features !== undefined) return layout(text, features);
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= LAYOUT_CACHE_SIZE) runs.clear();
      run = layout(text);
      runs.set(text, run);
    }
    return run;
  };
}

/** Call once for each font fontkit parses for pdf-lib. */
export function tuneFontkitFont(font: FontkitFont): void {
  encodeSubsetsWithoutTimers(font);
  decodeGlyphsOnce(font);
  cacheLayouts(font);
}
