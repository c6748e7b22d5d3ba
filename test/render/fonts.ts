/**
 * Fonts for the render tests: the bundled Inter, and Inter with one glyph damaged, as a
 * badly converted or truncated font file in a company's template can have.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';
import { glyphOffset, readTableDirectory } from '../../src/render/pdf/truetype-tables.js';

const require = createRequire(import.meta.url);

export function interFont(weight: '400Regular' | '700Bold'): Uint8Array {
  return new Uint8Array(readFileSync(require.resolve(`@expo-google-fonts/inter/${weight}/Inter_${weight}.ttf`)));
}

/**
 * `font` with the glyph of `character` made a composite glyph whose list of parts is
 * garbage (all bits set). Nothing reads a glyph's outline until a PDF embeds it, so the
 * font loads, and every text without `character` renders as before.
 */
export function damageGlyph(font: Uint8Array, character: string): Uint8Array {
  const bytes = font.slice();
  const view = new DataView(bytes.buffer);
  const tables = readTableDirectory(view);
  const head = tables.get('head')!;
  const loca = tables.get('loca')!;
  const glyf = tables.get('glyf')!;
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const gid = (create(bytes) as Font).glyphForCodePoint(character.codePointAt(0)!).id;
  const start = glyf.offset + glyphOffset(view, loca.offset, longLoca, gid);
  const end = glyf.offset + glyphOffset(view, loca.offset, longLoca, gid + 1);
  if (end - start < 14) throw new Error(`the glyph of ${character} is too short to damage this way`);
  view.setInt16(start, -1); // numberOfContours: a composite glyph
  bytes.fill(0xff, start + 10, end);
  return bytes;
}
