import { createInflate, crc32 } from 'node:zlib';

/**
 * Checks a template logo before any payslip is rendered with it, so that a damaged or
 * huge image is refused at `activate --template-dir` instead of failing every payslip of
 * the next send. PNG is decoded in full: every chunk's checksum, and the compressed pixel
 * data inflated to the end and measured against the size the header gives (streamed, so a
 * large image is never held in memory). JPEG, for which no decoder is at hand, is walked
 * marker by marker through the compressed data to its end marker, which finds a cut-short
 * or garbled file and reads the size from the frame header.
 */

interface ImageLimits {
  maxWidth: number;
  maxHeight: number;
}

type ImageCheck = { ok: true; format: 'png' | 'jpeg'; width: number; height: number } | { ok: false; problem: string };

export async function checkImage(bytes: Uint8Array, limits: ImageLimits): Promise<ImageCheck> {
  if (startsWith(bytes, PNG_SIGNATURE)) return checkPng(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return checkJpeg(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
  return fail('is neither a PNG nor a JPEG image');
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Colour type → channels, and the bit depths the PNG specification allows for it.
const PNG_COLOUR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};
// Adam7: for each of the seven passes, the first column and row and the steps between them.
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

async function checkPng(bytes: Buffer, limits: ImageLimits): Promise<ImageCheck> {
  let header: { width: number; height: number; depth: number; colour: number; interlaced: boolean } | null = null;
  let palette = false;
  let ended = false;
  const data: Buffer[] = [];
  for (let at = PNG_SIGNATURE.length; !ended; ) {
    if (at + 12 > bytes.length) return fail('is cut short: it ends before its last chunk (IEND)');
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (length > 0x7fffffff || at + 12 + length > bytes.length) return fail(`is cut short in its ${printable(type)} chunk`);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== bytes.readUInt32BE(at + 8 + length)) {
      return fail(`is damaged: its ${printable(type)} chunk has a wrong checksum`);
    }
    at += 12 + length;
    if (header === null && type !== 'IHDR') return fail('is damaged: it does not start with an image header (IHDR)');
    if (type === 'IHDR') {
      if (header !== null || length !== 13) return fail('is damaged: its image header (IHDR) is not valid');
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colour: body[9]!, interlaced: body[12] === 1 };
      const kind = PNG_COLOUR_TYPES[header.colour];
      if (!kind || !kind.depths.includes(header.depth) || body[10] !== 0 || body[11] !== 0 || body[12]! > 1) {
        return fail('is damaged: its image header (IHDR) names a colour type, bit depth or method PNG does not have');
      }
      if (header.width === 0 || header.height === 0) return fail('has no pixels (a width or height of 0)');
      if (header.width > limits.maxWidth || header.height > limits.maxHeight) return tooLarge(header.width, header.height, limits);
    } else if (type === 'PLTE') {
      palette = true;
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      ended = true;
    }
  }
  if (header === null) return fail('is damaged: it has no image header (IHDR)');
  if (data.length === 0) return fail('is damaged: it has no image data (IDAT)');
  if (header.colour === 3 && !palette) return fail('is damaged: it uses a palette but has none (PLTE)');

  const bitsPerPixel = PNG_COLOUR_TYPES[header.colour]!.channels * header.depth;
  const rows: number[] = [];
  const passes = header.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  for (const [x0, y0, dx, dy] of passes) {
    const width = Math.ceil((header.width - x0) / dx);
    const height = Math.ceil((header.height - y0) / dy);
    if (width <= 0 || height <= 0) continue;
    const rowBytes = 1 + Math.ceil((width * bitsPerPixel) / 8);
    for (let y = 0; y < height; y += 1) rows.push(rowBytes);
  }
  const problem = await inflateRows(Buffer.concat(data), rows);
  return problem === null ? { ok: true, format: 'png', width: header.width, height: header.height } : fail(problem);
}

/**
 * Inflates the pixel data to its end, checking that it holds exactly the rows the header
 * promises, each starting with one of PNG's five filter types.
 */
function inflateRows(compressed: Buffer, rows: readonly number[]): Promise<string | null> {
  const expected = rows.reduce((sum, n) => sum + n, 0);
  return new Promise((resolve) => {
    const inflate = createInflate();
    let seen = 0;
    let row = 0;
    let nextRowStart = 0;
    let problem: string | null = null;
    const stop = (text: string): void => {
      problem ??= text;
      inflate.destroy();
      resolve(problem);
    };
    inflate.on('data', (chunk: Buffer) => {
      if (problem !== null) return;
      const end = seen + chunk.length;
      if (end > expected) return stop('is damaged: it holds more pixel data than its size says');
      while (row < rows.length && nextRowStart < end) {
        if (chunk[nextRowStart - seen]! > 4) return stop('is damaged: its pixel data is garbled (an unknown row filter)');
        nextRowStart += rows[row]!;
        row += 1;
      }
      seen = end;
    });
    inflate.on('error', () => stop('is damaged or cut short: its pixel data cannot be decompressed'));
    inflate.on('end', () => {
      if (problem !== null) return;
      resolve(seen === expected ? null : 'is cut short: it holds less pixel data than its size says');
    });
    inflate.end(compressed);
  });
}

// The frame types PDF readers show (DCTDecode): baseline, extended and progressive.
const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const JPEG_OTHER_FRAMES = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

function checkJpeg(bytes: Buffer, limits: ImageLimits): ImageCheck {
  let frame: { width: number; height: number } | null = null;
  let scanned = false;
  let at = 2;
  for (;;) {
    if (at >= bytes.length) return fail('is cut short: it ends before its end marker');
    if (bytes[at] !== 0xff) return fail('is damaged: a JPEG marker is missing where one must be');
    while (bytes[at] === 0xff) at += 1;
    if (at >= bytes.length) return fail('is cut short: it ends before its end marker');
    const marker = bytes[at]!;
    at += 1;
    if (marker === 0xd9) break;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue;
    if (at + 2 > bytes.length) return fail('is cut short in a JPEG segment header');
    const length = bytes.readUInt16BE(at);
    if (length < 2 || at + length > bytes.length) return fail('is cut short in a JPEG segment');
    if (JPEG_OTHER_FRAMES.has(marker)) return fail('is a kind of JPEG (lossless or arithmetic coding) that PDF readers cannot show; save it as a baseline JPEG or a PNG');
    if (JPEG_FRAMES.has(marker)) {
      if (frame !== null || length < 8) return fail('is damaged: its JPEG frame header is not valid');
      frame = { height: bytes.readUInt16BE(at + 3), width: bytes.readUInt16BE(at + 5) };
      const components = bytes[at + 7]!;
      if (frame.width === 0 || frame.height === 0) return fail('has no size in its JPEG frame header');
      if (![1, 3, 4].includes(components)) return fail('is damaged: its JPEG frame header has an unusable number of colour components');
      if (frame.width > limits.maxWidth || frame.height > limits.maxHeight) return tooLarge(frame.width, frame.height, limits);
    }
    at += length;
    if (marker === 0xda) {
      if (frame === null) return fail('is damaged: its image data comes before its JPEG frame header');
      scanned = true;
      // Entropy-coded data runs to the next marker; 0xFF 0x00 is a stuffed byte and
      // 0xFF 0xD0–D7 are restart markers inside it.
      for (;;) {
        if (at + 1 >= bytes.length) return fail('is cut short in its image data');
        if (bytes[at] === 0xff && bytes[at + 1] !== 0x00 && bytes[at + 1] !== 0xff && !(bytes[at + 1]! >= 0xd0 && bytes[at + 1]! <= 0xd7)) break;
        at += 1;
      }
    }
  }
  if (frame === null || !scanned) return fail('is damaged: it has no image in it');
  return { ok: true, format: 'jpeg', width: frame.width, height: frame.height };
}

function tooLarge(width: number, height: number, limits: ImageLimits): ImageCheck {
  return fail(`is ${width} × ${height} pixels; a logo may be at most ${limits.maxWidth} × ${limits.maxHeight}`);
}

function fail(problem: string): ImageCheck {
  return { ok: false, problem };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function printable(type: string): string {
  return /^[A-Za-z]{4}$/.test(type) ? type : 'unnamed';
}
