/**
 * A page's drawing, written straight as PDF content-stream text (ISO 32000-1 §8–9).
 *
 * Why not pdf-lib's drawText/drawLine/drawRectangle: each call builds a dozen operator
 * objects (q, BT, Tf, rg, TL, Tm with six numbers, Tj, ET, Q, …), each argument an object
 * too, which pdf-lib measures and serialises again at save. For a payslip's 150 texts and
 * rules that was a third of a render worker's time and much of its garbage (BENCHMARKS.md).
 * Here each text is one short line of operators, and the font, colours and line width are
 * written only when they change (they are graphics state, which lasts across BT/ET).
 *
 * Text is encoded by the font (`PDFFont.encodeText`), as pdf-lib does it, so the glyphs
 * land in the font's subset and the text copies and searches as itself.
 */
import type { PDFDocument, PDFFont, PDFImage, PDFPage } from 'pdf-lib';

/** A colour as PDF's DeviceRGB takes it: each component from 0 to 1. */
export interface Rgb {
  red: number;
  green: number;
  blue: number;
}

/** Positions to a thousandth of a point (1/72,000 inch); pdf-lib wrote up to 17 digits. */
function n(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
}

/** Colour components to four places: finer than the 1/255 steps a hex colour has. */
function c(value: number): string {
  const rounded = Math.round(value * 10000) / 10000;
  return rounded === 0 ? '0' : String(rounded);
}

function rgb(colour: Rgb): string {
  return `${c(colour.red)} ${c(colour.green)} ${c(colour.blue)}`;
}

export class PageContent {
  private readonly parts: string[] = [];
  private readonly fontKeys = new Map<PDFFont, string>();
  private font: PDFFont | null = null;
  private fontSize = 0;
  private fill = '';
  private stroke = '';
  private lineWidth = -1;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly page: PDFPage,
  ) {}

  /** Text with its baseline starting at (x, y), in points from the bottom-left corner. */
  text(font: PDFFont, size: number, colour: Rgb, x: number, y: number, text: string): void {
    this.useFont(font, size);
    this.useFill(colour);
    this.parts.push(`BT ${n(x)} ${n(y)} Td ${font.encodeText(text).toString()} Tj ET\n`);
  }

  /**
   * Text turned `degrees` counter-clockwise about its start and drawn at `opacity`: the
   * PRELIMINÄR watermark. Its own graphics state, so nothing after it is translucent.
   */
  rotatedText(font: PDFFont, size: number, colour: Rgb, x: number, y: number, degrees: number, opacity: number, text: string): void {
    const state = this.page.node.newExtGState('GS', this.pdf.context.obj({ Type: 'ExtGState', ca: opacity, CA: opacity }));
    const radians = (degrees * Math.PI) / 180;
    const cos = Math.cos(radians);
    const sin = Math.sin(radians);
    const key = this.fontKey(font);
    this.parts.push(
      `q ${state.toString()} gs BT ${key} ${n(size)} Tf ${rgb(colour)} rg ${c(cos)} ${c(sin)} ${c(-sin)} ${c(cos)} ${n(x)} ${n(y)} Tm ${font.encodeText(text).toString()} Tj ET Q\n`,
    );
  }

  /** A filled rectangle, (x, y) its bottom-left corner; with a border when `border` is given. */
  rectangle(x: number, y: number, width: number, height: number, colour: Rgb, border?: { colour: Rgb; width: number }): void {
    this.useFill(colour);
    if (border) {
      this.useStroke(border.colour, border.width);
      this.parts.push(`${n(x)} ${n(y)} ${n(width)} ${n(height)} re B\n`);
    } else {
      this.parts.push(`${n(x)} ${n(y)} ${n(width)} ${n(height)} re f\n`);
    }
  }

  line(x1: number, y1: number, x2: number, y2: number, thickness: number, colour: Rgb): void {
    this.useStroke(colour, thickness);
    this.parts.push(`${n(x1)} ${n(y1)} m ${n(x2)} ${n(y2)} l S\n`);
  }

  /** An image scaled to `width` × `height` points, (x, y) its bottom-left corner. */
  image(image: PDFImage, x: number, y: number, width: number, height: number): void {
    const key = this.page.node.newXObject('Image', image.ref);
    this.parts.push(`q ${n(width)} 0 0 ${n(height)} ${n(x)} ${n(y)} cm ${key.toString()} Do Q\n`);
  }

  /** Adds what was drawn to the page as one compressed content stream. */
  finish(): void {
    const stream = this.pdf.context.flateStream(this.parts.join(''));
    this.page.node.addContentStream(this.pdf.context.register(stream));
    this.parts.length = 0;
  }

  private fontKey(font: PDFFont): string {
    let key = this.fontKeys.get(font);
    if (key === undefined) {
      key = this.page.node.newFontDictionary(font.name, font.ref).toString();
      this.fontKeys.set(font, key);
    }
    return key;
  }

  private useFont(font: PDFFont, size: number): void {
    if (this.font === font && this.fontSize === size) return;
    this.parts.push(`${this.fontKey(font)} ${n(size)} Tf\n`);
    this.font = font;
    this.fontSize = size;
  }

  private useFill(colour: Rgb): void {
    const value = rgb(colour);
    if (value === this.fill) return;
    this.parts.push(`${value} rg\n`);
    this.fill = value;
  }

  private useStroke(colour: Rgb, width: number): void {
    const value = rgb(colour);
    if (value !== this.stroke) {
      this.parts.push(`${value} RG\n`);
      this.stroke = value;
    }
    if (width !== this.lineWidth) {
      this.parts.push(`${n(width)} w\n`);
      this.lineWidth = width;
    }
  }
}
