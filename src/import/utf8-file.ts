import { closeSync, openSync, readSync } from 'node:fs';

/** The file is not UTF-8: `line` is the line of the first byte that is not. */
type Utf8ReadResult = { ok: true } | { ok: false; line: number };

/** 1 MiB: large enough that per-chunk costs vanish, small enough not to matter for memory. */
const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Reads a file in chunks of `chunkSize` bytes and hands `onText` the text, decoded as
 * UTF-8 (a character split between two chunks arrives whole, in the second). The whole
 * file is always read, so a file that is not UTF-8 is found even when the caller has
 * stopped using the text. File system errors are thrown as they come.
 */
export function readUtf8Chunks(path: string, onText: (text: string) => void, chunkSize = DEFAULT_CHUNK_BYTES): Utf8ReadResult {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let valid = true;
  forEachChunk(path, chunkSize, (bytes) => {
    if (!valid) return;
    let text: string;
    try {
      text = bytes === null ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch {
      valid = false;
      return;
    }
    if (text.length > 0) onText(text);
  });
  return valid ? { ok: true } : { ok: false, line: firstInvalidLine(path, chunkSize) };
}

/**
 * Most often a spreadsheet saved in Windows-1252: the line to point at is the one of the
 * first replacement character in a lossy decoding, which a second read finds.
 */
function firstInvalidLine(path: string, chunkSize: number): number {
  const decoder = new TextDecoder('utf-8');
  let line = 1;
  let found = false;
  forEachChunk(path, chunkSize, (bytes) => {
    if (found) return;
    const text = bytes === null ? decoder.decode() : decoder.decode(bytes, { stream: true });
    const bad = text.indexOf('\ufffd');
    const before = bad === -1 ? text : text.slice(0, bad);
    for (let index = before.indexOf('\n'); index !== -1; index = before.indexOf('\n', index + 1)) line += 1;
    found = bad !== -1;
  });
  return line;
}

/** Each chunk of the file's bytes, then null at the end. */
function forEachChunk(path: string, chunkSize: number, onBytes: (bytes: Uint8Array | null) => void): void {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(chunkSize);
    for (;;) {
      const read = readSync(fd, buffer, 0, chunkSize, null);
      if (read === 0) break;
      onBytes(buffer.subarray(0, read));
    }
    onBytes(null);
  } finally {
    closeSync(fd);
  }
}
