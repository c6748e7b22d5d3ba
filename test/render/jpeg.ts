/**
 * Writes a small baseline JPEG for template tests without an image library: one grey
 * component, every 8 × 8 block a flat mid-grey, so each block is a zero DC difference and
 * an end-of-block, two one-bit Huffman codes.
 */
export function greyJpeg(width: number, height: number): Buffer {
  if (width % 8 !== 0 || height % 8 !== 0) throw new RangeError('width and height must be multiples of 8');
  const segment = (marker: number, body: number[]): number[] => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const bits = 2 * (width / 8) * (height / 8);
  // All codes are 0 bits; the last byte is padded with 1 bits, as JPEG requires.
  const scan = Array.from({ length: Math.ceil(bits / 8) }, (_, i) => (i === Math.ceil(bits / 8) - 1 && bits % 8 !== 0 ? 0xff >> (bits % 8) : 0));
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xdb, [0x00, ...Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    // DC table 0 and AC table 0: one code of length 1, for category 0 and for end-of-block.
    ...segment(0xc4, [0x00, 1, ...Array<number>(15).fill(0), 0x00]),
    ...segment(0xc4, [0x10, 1, ...Array<number>(15).fill(0), 0x00]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff, 0xd9,
  ]);
}
