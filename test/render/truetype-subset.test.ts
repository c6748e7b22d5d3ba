import fc from 'fast-check';
import { create, type Font } from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { encodeTrueTypeSubset, readSubsetSource } from '../../src/render/pdf/truetype-subset.js';

const require = createRequire(import.meta.url);
const fontFile = (path: string): Uint8Array => new Uint8Array(readFileSync(require.resolve(path)));
interface Outlined {
  numGlyphs: number;
  glyphForCodePoint(codePoint: number): { id: number };
  getGlyph(id: number): { advanceWidth: number; path: { toSVG(): string } };
}
const open = (bytes: Uint8Array): Outlined => create(bytes) as Font as unknown as Outlined;

/**
 * Inter as shipped (a long `loca`, glyphs of odd length, composite glyphs for å, ä, ö) in
 * two weights, and Liberation Sans, which is hinted (cvt, prep, fpgm) and has a short
 * `loca` and composite glyphs with scaled components.
 */
const FONTS = {
  'Inter Regular': fontFile('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf'),
  'Inter Black Italic': fontFile('@expo-google-fonts/inter/900Black_Italic/Inter_900Black_Italic.ttf'),
  'Liberation Sans': fontFile('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
};

/** Every slot of the subset draws its source glyph: same outline, same advance width. */
function expectSameGlyphs(source: Uint8Array, glyphIds: readonly number[]): void {
  const subset = encodeTrueTypeSubset(readSubsetSource(source)!, glyphIds);
  const read = open(subset.bytes);
  const original = open(source);
  expect(read.numGlyphs).toBe(subset.glyphs.length);
  expect(subset.glyphs.slice(0, glyphIds.length)).toEqual(glyphIds);
  subset.glyphs.forEach((gid, slot) => {
    expect(read.getGlyph(slot).advanceWidth).toBe(original.getGlyph(gid).advanceWidth);
    expect(read.getGlyph(slot).path.toSVG()).toBe(original.getGlyph(gid).path.toSVG());
  });
}

describe('a TrueType subset draws the glyphs it was given, in their slots', () => {
  test.each(Object.entries(FONTS))('%s: a payslip’s texts, Swedish letters (composite glyphs) included', (_name, bytes) => {
    const font = open(bytes);
    for (const text of ['Lönespecifikation', 'Åsa Öberg-Ängström, Storgatan 1, 123 45 Malmö', '0123456789 −–,.:;()%/ kr', 'Ü é È ñ ß Ø æ ÿ']) {
      expectSameGlyphs(bytes, [0, ...new Set(Array.from(text, (c) => font.glyphForCodePoint(c.codePointAt(0)!).id))]);
    }
  });

  test.each(Object.entries(FONTS))('%s: random glyph sets, in any order, a glyph given twice copied twice', (_name, bytes) => {
    const last = readSubsetSource(bytes)!.numGlyphs - 1;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: last }), { maxLength: 120 }), (ids) => {
        expectSameGlyphs(bytes, [0, ...ids]);
      }),
      { numRuns: 25 },
    );
  });

  test('a short loca stays right although Inter’s glyphs have odd lengths: every glyph is padded', () => {
    const source = readSubsetSource(FONTS['Inter Regular'])!;
    expect(source.longLoca).toBe(true);
    const { bytes } = encodeTrueTypeSubset(source, [0, 36, 37, 38]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = readSubsetSource(bytes)!;
    expect(head.longLoca).toBe(false);
    expect(view.getUint32(0)).toBe(0x74727565); // 'true'
    expectSameGlyphs(FONTS['Inter Regular'], [0, 36, 37, 38]);
  });

  test('a CFF-flavoured or truncated font is not one it subsets', () => {
    const otto = new Uint8Array(64);
    new DataView(otto.buffer).setUint32(0, 0x4f54544f); // 'OTTO'
    expect(readSubsetSource(otto)).toBeNull();
    expect(readSubsetSource(new Uint8Array(4))).toBeNull();
  });
});
