/**
 * PDF syntax (ISO 32000-1 §7), written directly: numbers, names, strings and dates as PDF
 * text, and a file of numbered objects with its cross-reference table and trailer.
 *
 * Why not pdf-lib's object model: a payslip is a dozen small objects and two font files
 * that are the same for most payslips (font.ts), so the writing itself is a few string
 * joins. pdf-lib built and measured an object per operator, number and name, and kept
 * names and references in process-wide pools (BENCHMARKS.md).
 */
import { Buffer } from 'node:buffer';

/** A number as PDF text: at most three decimals, never exponent notation. */
export function pdfNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a number PDF can write: ${value}`);
  const rounded = Math.round(value * 1000) / 1000;
  if (rounded === 0) return '0';
  const text = String(rounded);
  return text.includes('e') ? rounded.toFixed(3).replace(/\.?0+$/, '') : text;
}

/** A name (`/Inter-Bold`): characters outside `!`…`~`, and the delimiters, as `#xx` (§7.3.5). */
export function pdfName(name: string): string {
  let out = '/';
  for (const byte of Buffer.from(name, 'utf8')) {
    const delimiter = byte === 0x23 || byte === 0x25 || byte === 0x28 || byte === 0x29 || byte === 0x2f || byte === 0x3c || byte === 0x3e || byte === 0x5b || byte === 0x5d || byte === 0x7b || byte === 0x7d;
    out += byte < 0x21 || byte > 0x7e || delimiter ? `#${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return out;
}

/**
 * A text string for people (title, author; §7.9.2.2): a literal in PDFDocEncoding when every
 * character is one it shares with Latin-1 (Swedish text is), else UTF-16BE with its byte
 * order mark, in hex.
 */
export function pdfText(text: string): string {
  let literal = '(';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e) literal += code === 0x28 || code === 0x29 || code === 0x5c ? `\\${text[i]}` : text[i];
    else if (code >= 0xa1 && code <= 0xff && code !== 0xad) literal += `\\${code.toString(8)}`;
    else return utf16Text(text);
  }
  return `${literal})`;
}

function utf16Text(text: string): string {
  let hex = '<FEFF';
  for (let i = 0; i < text.length; i += 1) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `${hex}>`;
}

/** A date (§7.9.4) in UTC: `(D:20251125000000Z)`. */
export function pdfDate(date: Date): string {
  const two = (value: number): string => String(value).padStart(2, '0');
  return `(D:${date.getUTCFullYear()}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z)`;
}

/** A reference to object `number`. */
export function ref(number: number): string {
  return `${number} 0 R`;
}

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1');

// A binary comment after the header tells transfer tools the file is binary (§7.5.2).
const HEADER = Buffer.concat([latin1('%PDF-1.7\n%'), Uint8Array.of(0xe2, 0xe3, 0xcf, 0xd3), latin1('\n')]);

/**
 * A PDF file being written: objects are added in any order with numbers from `allocate`,
 * and `finish` lays them out by number, with the cross-reference table and trailer.
 */
export class PdfFileWriter {
  private readonly objects: Array<Uint8Array[] | undefined> = [];
  private next = 1;

  allocate(): number {
    return this.next++;
  }

  /** An object whose body is PDF text (a dictionary, an array, …). */
  object(number: number, body: string): void {
    this.objects[number] = [latin1(`${number} 0 obj\n${body}\nendobj\n`)];
  }

  /** A stream: `dictionary` is the inside of its dictionary, without /Length, which is added. */
  stream(number: number, dictionary: string, data: Uint8Array): void {
    this.objects[number] = [latin1(`${number} 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`), data, latin1('\nendstream\nendobj\n')];
  }

  /**
   * The whole file; `id` is the 32 hex digits of both halves of the trailer's /ID. It ends
   * at `%%EOF` with no line break after, as pdf-lib's did: a PDF piped through a tool that
   * drops a final newline keeps its bytes.
   */
  finish(trailer: { root: number; info: number; id: string }): Uint8Array {
    const chunks: Uint8Array[] = [HEADER];
    let position = HEADER.length;
    const xref = [`xref\n0 ${this.next}\n0000000000 65535 f \n`];
    for (let number = 1; number < this.next; number += 1) {
      const object = this.objects[number];
      if (!object) throw new Error(`PDF object ${number} was allocated but never written`);
      xref.push(`${String(position).padStart(10, '0')} 00000 n \n`);
      for (const chunk of object) {
        chunks.push(chunk);
        position += chunk.length;
      }
    }
    chunks.push(latin1(`${xref.join('')}trailer\n<< /Size ${this.next} /Root ${ref(trailer.root)} /Info ${ref(trailer.info)} /ID [<${trailer.id}> <${trailer.id}>] >>\nstartxref\n${position}\n%%EOF`));
    return Buffer.concat(chunks);
  }
}
