/** Where each table of an sfnt font (TrueType or OpenType) lies, from its table directory. */
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
