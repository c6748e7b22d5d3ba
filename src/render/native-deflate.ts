import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

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
  // The pako instance pdf-lib itself loads, wherever the package manager put it.
  const fromPdfLib = createRequire(createRequire(import.meta.url).resolve('pdf-lib'));
  const pako = fromPdfLib('pako') as Pako;
  pako.deflate = (data) => deflateSync(data);
  installed = true;
}
