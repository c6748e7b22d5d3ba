/**
 * The part of fontkit's public API the engine uses (fontkit ships no types). Written for
 * the version pinned in package.json; versions.ts and its test say when to review it.
 */
declare module 'fontkit' {
  export interface Glyph {
    readonly id: number;
    readonly advanceWidth: number;
  }

  export interface BBox {
    readonly minX: number;
    readonly minY: number;
    readonly maxX: number;
    readonly maxY: number;
  }

  export interface Subset {
    /** Adds a glyph (once) and returns its index in the subset; glyph 0 is always index 0. */
    includeGlyph(glyph: number | Glyph): number;
    encode(): Uint8Array;
  }

  export interface Font {
    readonly postscriptName: string | null;
    readonly unitsPerEm: number;
    readonly ascent: number;
    readonly descent: number;
    readonly capHeight: number;
    readonly xHeight: number;
    readonly italicAngle: number;
    readonly bbox: BBox;
    readonly numGlyphs: number;
    glyphForCodePoint(codePoint: number): Glyph;
    getGlyph(id: number): Glyph;
    createSubset(): Subset;
  }

  /** A font collection (.ttc) has fonts, not glyphs; the engine refuses it. */
  export function create(buffer: Uint8Array, postscriptName?: string): Font | { fonts: Font[] };
}
