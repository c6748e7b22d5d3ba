/**
 * A page's drawing, written straight as PDF content-stream text (ISO 32000-1 §8–9): each
 * text is one short line of operators, and the font, colours and line width are written
 * only when they change (they are graphics state, which lasts across BT/ET).
 */
import type { FontUse, PdfFont } from './font.js';
import { pdfNumber as n } from './writer.js';

/** A colour as PDF's DeviceRGB takes it: each component from 0 to 1. */
export interface Rgb {
  readonly red: number;
  readonly green: number;
  readonly blue: number;
}

/** An image as a page draws it: its size in pixels, and its resource name. */
export interface PageImage {
  readonly width: number;
  readonly height: number;
}

/** What a page needs from its document: fonts and images by resource name, and opacity states. */
export interface PageResources {
  font(font: PdfFont): { key: string; use: FontUse };
  image(image: PageImage): string;
  opacity(value: number): string;
}

/** Colour components to four places: finer than the 1/255 steps a hex colour has. */
function c(value: number): string {
  const rounded = Math.round(value * 10000) / 10000;
  return rounded === 0 ? '0' : String(rounded);
}

/** A template's few colours are written on every text and line: each is formatted once. */
const rgbTexts = new WeakMap<Rgb, string>();

function rgb(colour: Rgb): string {
  let text = rgbTexts.get(colour);
  if (text === undefined) {
    text = `${c(colour.red)} ${c(colour.green)} ${c(colour.blue)}`;
    rgbTexts.set(colour, text);
  }
  return text;
}

export class PdfPage {
  private readonly parts: string[] = [];
  private font: PdfFont | null = null;
  private fontSize = 0;
  private fill = '';
  private stroke = '';
  private lineWidth = -1;

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly resources: PageResources,
  ) {}

  /** Text with its baseline starting at (x, y), in points from the bottom-left corner. */
  text(font: PdfFont, size: number, colour: Rgb, x: number, y: number, text: string): void {
    const { use } = this.useFont(font, size);
    this.useFill(colour);
    this.parts.push(`BT ${n(x)} ${n(y)} Td ${use.encode(text)} Tj ET\n`);
  }

  /**
   * Text turned `degrees` counter-clockwise about its start and drawn at `opacity`: the
   * PRELIMINÄR watermark. Its own graphics state, so nothing after it is translucent.
   */
  rotatedText(font: PdfFont, size: number, colour: Rgb, x: number, y: number, degrees: number, opacity: number, text: string): void {
    const state = this.resources.opacity(opacity);
    const radians = (degrees * Math.PI) / 180;
    const cos = Math.cos(radians);
    const sin = Math.sin(radians);
    const { key, use } = this.resources.font(font);
    this.parts.push(`q ${state} gs BT ${key} ${n(size)} Tf ${rgb(colour)} rg ${c(cos)} ${c(sin)} ${c(-sin)} ${c(cos)} ${n(x)} ${n(y)} Tm ${use.encode(text)} Tj ET Q\n`);
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
  image(image: PageImage, x: number, y: number, width: number, height: number): void {
    this.parts.push(`q ${n(width)} 0 0 ${n(height)} ${n(x)} ${n(y)} cm ${this.resources.image(image)} Do Q\n`);
  }

  /** The content stream's text. */
  content(): string {
    return this.parts.join('');
  }

  private useFont(font: PdfFont, size: number): { key: string; use: FontUse } {
    const resource = this.resources.font(font);
    if (this.font !== font || this.fontSize !== size) {
      this.parts.push(`${resource.key} ${n(size)} Tf\n`);
      this.font = font;
      this.fontSize = size;
    }
    return resource;
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
