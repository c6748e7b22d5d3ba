import { deflateSync } from 'node:zlib';
import { requireFromPdfLib } from './pdf-lib-require.js';

/**
 * pdf-lib compresses every content stream and font subset with pako, a zlib written in
 * JavaScript; in the bench profile that was a fifth of the CPU of a payslip, much of it
 * allocating a fresh compressor per stream. Node's own zlib does the same deflate
 * natively. pdf-lib calls `pako.deflate(bytes)` with no options (PDFContext.flateStream,
 * PDFFlateStream), so pointing that one function at `zlib.deflateSync` changes nothing but
 * the speed; the output stays deterministic for a given Node build, which is what the
 * exactly-once retry needs (it re-sends stored bytes, never a re-render).
 */
interface Pako {
  deflate(data: Uint8Array): Uint8Array;
}

let installed = false;

export function useNativeDeflate(): void {
  if (installed) return;
  const pako = requireFromPdfLib('pako') as Pako;
  pako.deflate = (data) => deflateSync(data);
  installed = true;
}
