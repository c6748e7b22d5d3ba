/**
 * One PDF document as the engine writes it: pages drawn with PdfPage, the fonts they use
 * (font.ts), an image, and reproducible metadata. `save` writes the file (writer.ts).
 *
 * Reproducible: the same calls give the same bytes. Nothing comes from the clock or from
 * chance (pdf-lib stamped "now" and random subset tags unless told otherwise), and a
 * font's subset depends on the document's own text only. Kivra's duplicate control only
 * recognises a resend when the payload is identical, and an auditor can compare a stored
 * hash with a re-render.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { FontNumbers, FontUse, PdfFont } from './font.js';
import type { PdfImage } from './image.js';
import { PdfPage, type PageImage, type PageResources } from './page-content.js';
import { pdfDate, pdfNumber, pdfText, ref, PdfFileWriter } from './writer.js';

/**
 * A page's content is compressed for every payslip, and its operators repeat so much that
 * zlib's default level spends most of its time searching long chains of matches. Level 3
 * (no lazy matching) takes about half the time for ~300 bytes more a page (~1 % of a
 * payslip; BENCHMARKS.md). Font files are compressed once per process, at the default.
 */
const CONTENT_DEFLATE_LEVEL = 3;

const PDF_PRODUCER = 'payslips';

export interface DocumentMetadata {
  title: string;
  author: string;
  subject: string;
  /** The instant recorded as creation and modification time. */
  date: Date;
  /** Any string that changes whenever the rendered content would; hashed into /ID. */
  idSeed: string;
}

interface FontEntry {
  key: string;
  use: FontUse;
}

export class PdfDocument implements PageResources {
  private readonly pages: PdfPage[] = [];
  private readonly fonts = new Map<PdfFont, FontEntry>();
  private readonly images = new Map<PageImage, string>();
  private readonly opacities = new Map<number, string>();

  /** `images`: those pages may draw (a template's logo). */
  constructor(private readonly imagesAvailable: readonly PdfImage[] = []) {}

  addPage(width: number, height: number): PdfPage {
    const page = new PdfPage(width, height, this);
    this.pages.push(page);
    return page;
  }

  font(font: PdfFont): FontEntry {
    let entry = this.fonts.get(font);
    if (!entry) {
      entry = { key: `/F${this.fonts.size + 1}`, use: font.use() };
      this.fonts.set(font, entry);
    }
    return entry;
  }

  image(image: PageImage): string {
    if (!this.imagesAvailable.includes(image as PdfImage)) throw new Error('an image the document was not given');
    return resourceName(this.images, image, '/Im');
  }

  opacity(value: number): string {
    return resourceName(this.opacities, value, '/GS');
  }

  save(meta: DocumentMetadata): Uint8Array {
    const writer = new PdfFileWriter();
    const catalog = writer.allocate();
    const pageTree = writer.allocate();
    const info = writer.allocate();

    // Every page shares one resource dictionary: the fonts, images and states any page uses.
    const resources: string[] = [];
    const fontEntries: string[] = [];
    for (const [font, entry] of this.fonts) {
      const numbers: FontNumbers = { type0: writer.allocate(), cidFont: writer.allocate(), descriptor: writer.allocate(), program: writer.allocate(), toUnicode: writer.allocate() };
      font.write(writer, numbers, entry.use.extras);
      fontEntries.push(`${entry.key} ${ref(numbers.type0)}`);
    }
    if (fontEntries.length > 0) resources.push(`/Font << ${fontEntries.join(' ')} >>`);
    const imageEntries: string[] = [];
    for (const [image, key] of this.images) imageEntries.push(`${key} ${ref((image as PdfImage).write(writer))}`);
    if (imageEntries.length > 0) resources.push(`/XObject << ${imageEntries.join(' ')} >>`);
    const stateEntries: string[] = [];
    for (const [value, key] of this.opacities) {
      const number = writer.allocate();
      writer.object(number, `<< /Type /ExtGState /ca ${pdfNumber(value)} /CA ${pdfNumber(value)} >>`);
      stateEntries.push(`${key} ${ref(number)}`);
    }
    if (stateEntries.length > 0) resources.push(`/ExtGState << ${stateEntries.join(' ')} >>`);
    const resourcesNumber = writer.allocate();
    writer.object(resourcesNumber, `<< ${resources.join(' ')} >>`);

    const kids: string[] = [];
    for (const page of this.pages) {
      const number = writer.allocate();
      const contents = writer.allocate();
      writer.stream(contents, '/Filter /FlateDecode', deflateSync(page.content(), { level: CONTENT_DEFLATE_LEVEL }));
      writer.object(number, `<< /Type /Page /Parent ${ref(pageTree)} /MediaBox [0 0 ${pdfNumber(page.width)} ${pdfNumber(page.height)}] /Resources ${ref(resourcesNumber)} /Contents ${ref(contents)} >>`);
      kids.push(ref(number));
    }
    writer.object(pageTree, `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${kids.length} >>`);
    writer.object(catalog, `<< /Type /Catalog /Pages ${ref(pageTree)} /Lang ${pdfText('sv-SE')} /ViewerPreferences << /DisplayDocTitle true >> >>`);
    const date = pdfDate(meta.date);
    writer.object(
      info,
      `<< /Title ${pdfText(meta.title)} /Author ${pdfText(meta.author)} /Subject ${pdfText(meta.subject)} /Producer ${pdfText(PDF_PRODUCER)} /Creator ${pdfText(PDF_PRODUCER)} /CreationDate ${date} /ModDate ${date} >>`,
    );
    // Both halves equal: the permanent and the changing identifier of a file never edited since.
    const id = createHash('sha256').update(meta.idSeed).digest('hex').slice(0, 32);
    return writer.finish({ root: catalog, info, id });
  }
}

/** The resource name of `value` on the pages: the next free `<prefix>N` the first time it is used. */
function resourceName<K>(names: Map<K, string>, value: K, prefix: string): string {
  let name = names.get(value);
  if (name === undefined) {
    name = `${prefix}${names.size + 1}`;
    names.set(value, name);
  }
  return name;
}
