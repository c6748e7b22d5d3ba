import fontkit from '@pdf-lib/fontkit';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { encodeTrueTypeSubset, readSubsetSource } from '../../src/render/truetype-subset.js';
import { prepareTrueTypeFont } from '../../src/render/truetype.js';

const require = createRequire(import.meta.url);
const fontFile = (path: string): Uint8Array => new Uint8Array(readFileSync(require.resolve(path)));

/**
 * Our subsetter must write exactly what fontkit's does: the payslip PDFs (and so the
 * payload hashes Kivra's duplicate control and an auditor compare) stay the same bytes.
 * Inter as the templates use it (prepared: long `loca`, glyphs padded) and as shipped
 * (odd glyph lengths), in two weights, and Liberation Sans, which is hinted (cvt, prep,
 * fpgm) and has a short `loca` and composite glyphs with scaled components.
 */
const FONTS = {
  'Inter Regular, prepared': prepareTrueTypeFont(fontFile('@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf')),
  'Inter Black Italic, prepared': prepareTrueTypeFont(fontFile('@expo-google-fonts/inter/900Black_Italic/Inter_900Black_Italic.ttf')),
  'Inter Bold, as shipped': fontFile('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'),
  'Liberation Sans, as shipped': fontFile('pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'),
};

interface FontkitSubset {
  includeGlyph(gid: number): number;
  encodeStream(): NodeJS.EventEmitter;
}

/** fontkit's own subset bytes for the same glyphs, through its (timer-driven) stream. */
function fontkitSubset(bytes: Uint8Array, glyphIds: readonly number[]): Promise<Uint8Array> {
  const font = fontkit.create(bytes) as unknown as { createSubset(): FontkitSubset };
  const subset = font.createSubset();
  for (const gid of glyphIds) subset.includeGlyph(gid);
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    subset
      .encodeStream()
      .on('data', (chunk: Uint8Array) => chunks.push(chunk))
      .on('end', () => resolve(Buffer.concat(chunks)))
      .on('error', reject);
  });
}

/** Glyph ids for a text, as pdf-lib's subset embedder adds them (after glyph 0). */
function glyphsFor(bytes: Uint8Array, text: string): number[] {
  const font = fontkit.create(bytes) as unknown as { glyphsForString(s: string): Array<{ id: number }> };
  return [0, ...new Set(font.glyphsForString(text).map((g) => g.id))];
}

describe('TrueType subsets are the bytes fontkit writes', () => {
  test.each(Object.entries(FONTS))('%s: a payslip’s texts, Swedish letters (composite glyphs) included', async (_name, bytes) => {
    const source = readSubsetSource(bytes)!;
    expect(source).not.toBeNull();
    for (const text of ['Lönespecifikation', 'Åsa Öberg-Ängström, Storgatan 1, 123 45 Malmö', '0123456789 −–,.:;()%/ kr', 'Ü é È ñ ß Ø æ ÿ ﬁ']) {
      const glyphs = glyphsFor(bytes, text);
      expect(Buffer.from(encodeTrueTypeSubset(source, glyphs)).equals(Buffer.from(await fontkitSubset(bytes, glyphs)))).toBe(true);
    }
  });

  test.each(Object.entries(FONTS))('%s: random glyph sets, in any order, up to the whole font', async (_name, bytes) => {
    const source = readSubsetSource(bytes)!;
    const lastGlyph = source.numGlyphs - 1;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 1, max: lastGlyph }), { maxLength: 400 }), async (ids) => {
        const glyphs = [0, ...ids];
        const ours = Buffer.from(encodeTrueTypeSubset(source, glyphs));
        const theirs = Buffer.from(await fontkitSubset(bytes, glyphs));
        expect(ours.equals(theirs)).toBe(true);
      }),
      { numRuns: 40 },
    );
    const everything = Array.from({ length: source.numGlyphs }, (_, gid) => gid);
    expect(Buffer.from(encodeTrueTypeSubset(source, everything)).equals(Buffer.from(await fontkitSubset(bytes, everything)))).toBe(true);
  });

  test('the subset is a font fontkit reads back, with the glyphs’ outlines and widths', () => {
    const bytes = FONTS['Inter Regular, prepared'];
    const glyphs = glyphsFor(bytes, 'Åsa Öberg 1 234,50 kr');
    const subset = fontkit.create(Buffer.from(encodeTrueTypeSubset(readSubsetSource(bytes)!, glyphs))) as unknown as {
      numGlyphs: number;
      getGlyph(id: number): { advanceWidth: number; path: { toSVG(): string } };
    };
    const original = fontkit.create(bytes) as unknown as typeof subset;
    expect(subset.numGlyphs).toBeGreaterThanOrEqual(glyphs.length);
    glyphs.forEach((gid, at) => {
      expect(subset.getGlyph(at).advanceWidth).toBe(original.getGlyph(gid).advanceWidth);
      expect(subset.getGlyph(at).path.toSVG()).toBe(original.getGlyph(gid).path.toSVG());
    });
  });

  test('a CFF-flavoured or damaged font is left to fontkit', () => {
    const otto = new Uint8Array(64);
    new DataView(otto.buffer).setUint32(0, 0x4f54544f); // 'OTTO'
    expect(readSubsetSource(otto)).toBeNull();
    expect(readSubsetSource(new Uint8Array(4))).toBeNull();
  });
});
