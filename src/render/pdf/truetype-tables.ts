/** Reading an sfnt font (TrueType or OpenType): its flavour, its tables, where its glyphs lie. */

/** TrueType outlines (`glyf`/`loca`), as opposed to CFF-flavoured OpenType (`OTTO`). */
export function isTrueType(view: DataView): boolean {
  const version = view.getUint32(0);
  return version === 0x00010000 || version === 0x74727565; /* 'true' */
}

/** Where each table lies, from the table directory. */
export interface TableRecord {
  tag: string;
  offset: number;
  length: number;
}

export function readTableDirectory(view: DataView): Map<string, TableRecord> {
  const count = view.getUint16(4);
  const tables = new Map<string, TableRecord>();
  for (let index = 0; index < count; index += 1) {
    const at = 12 + index * 16;
    const tag = String.fromCharCode(view.getUint8(at), view.getUint8(at + 1), view.getUint8(at + 2), view.getUint8(at + 3));
    tables.set(tag, { tag, offset: view.getUint32(at + 8), length: view.getUint32(at + 12) });
  }
  return tables;
}

/** Where glyph `gid` starts in the 'glyf' table, from a short (halved) or long 'loca' table. */
export function glyphOffset(view: DataView, locaOffset: number, longLoca: boolean, gid: number): number {
  return longLoca ? view.getUint32(locaOffset + gid * 4) : view.getUint16(locaOffset + gid * 2) * 2;
}
