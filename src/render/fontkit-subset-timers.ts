import { CustomFontSubsetEmbedder } from 'pdf-lib';

/**
 * @pdf-lib/fontkit is a browser bundle with its own polyfills: its `process.nextTick` is
 * built on `setTimeout`, and so is its stream's flow. pdf-lib reads every font subset
 * through that stream (`Subset.encodeStream()`), so each font of each payslip waited for a
 * chain of timers of at least 1 ms each: in the render profile about a fifth of a worker's
 * time was idle (BENCHMARKS.md).
 *
 * Writing a subset is synchronous underneath (`Subset.encode(stream)` calls the stream's
 * write methods, and the stream pushes filled buffers), so this collects what the stream
 * would have pushed and hands pdf-lib the same bytes without the stream's round trips.
 */

interface EncodeStream {
  push(chunk: Uint8Array | null): boolean;
  flush(): void;
}

interface FontkitSubset {
  encode(stream: EncodeStream): void;
}

interface FontkitFont {
  createSubset(): object;
}

let installed = false;

/** Call with a font parsed by the fontkit instance pdf-lib is given; installs once. */
export function encodeSubsetsWithoutTimers(font: FontkitFont): void {
  if (installed) return;
  // The bundle does not export its EncodeStream class; a stream it makes shows it. This
  // one stream is left to the bundle (it writes a one-glyph subset nobody reads).
  const probe = (font.createSubset() as { encodeStream(): object }).encodeStream();
  const EncodeStreamClass = probe.constructor as new () => EncodeStream;

  const prototype = CustomFontSubsetEmbedder.prototype as unknown as { serializeFont(this: { subset: FontkitSubset }): Promise<Uint8Array> };
  prototype.serializeFont = function serializeFont() {
    const chunks: Uint8Array[] = [];
    const stream = new EncodeStreamClass();
    stream.push = (chunk) => {
      if (chunk) chunks.push(chunk);
      return true;
    };
    this.subset.encode(stream);
    stream.flush();
    return Promise.resolve(Buffer.concat(chunks));
  };
  installed = true;
}
