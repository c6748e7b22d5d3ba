/**
 * The versions of the PDF and font packages this engine was written and measured for.
 * package.json pins them exactly; test/render/pdf-engine-versions.test.ts fails, naming
 * the file to review, when the installed ones differ. Before changing a version here,
 * read that package's changes against the file listed and run the render tests and the
 * bench (BENCHMARKS.md).
 */
export const ENGINE_PACKAGES = {
  /** Parsing payslips for the print batch, decoding a logo; public API only. */
  'pdf-lib': { version: '1.17.1', review: 'src/render/pdf/pdf-lib-objects.ts (and concat-writer.ts, image.ts)' },
  /** Reading fonts, their cmap and metrics, CFF subsets; public API only, typed by hand. */
  fontkit: { version: '3.0.0', review: 'src/render/pdf/fontkit.d.ts (and font.ts)' },
  /** The default template's font: the bytes of every default payslip depend on it. */
  '@expo-google-fonts/inter': { version: '0.4.2', review: 'templates/default/template.json, and expect every default payslip\'s bytes to change' },
} as const;
