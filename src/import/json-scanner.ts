/**
 * The one strict JSON (RFC 8259) recursive-descent reader behind parseJsonWithLines
 * (json-with-lines.ts, a whole text) and JsonStream (json-stream.ts, text that arrives in
 * chunks), so that both accept, refuse and locate exactly alike.
 *
 * It reads `text` from `pos`, keeping the line, the path of the value being read (for
 * error messages) and the nesting depth; a caller that starts inside a document sets all
 * four first. While `text` is only the document so far, an error that may be there only
 * because the rest has not arrived throws NEED_MORE instead, and the caller tries the
 * same step again from its start once more text has come.
 */
import { t } from '../i18n/catalogue.js';

export type JsonPath = readonly (string | number)[];

/** Payroll data is a few levels deep; this keeps hostile input from exhausting the stack. */
export const MAX_DEPTH = 64;

/**
 * How far from the end of the text received so far an error may be only because the rest
 * has not arrived: the longest look-ahead a message or a number needs. Closer than this
 * and not at the end of the document, a step waits for more text and is tried again.
 */
export const LOOKAHEAD = 400;

/** Thrown when the text so far ends before the value being read does; the caller undoes the step. */
export const NEED_MORE = Symbol('need more text');

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly path: JsonPath,
  ) {
    super(message);
  }
}

/**
 * The lines of an object's or array's members, kept beside the container itself rather
 * than under a string key per value: a 50,000-payslip export has millions of values, and
 * building and holding a key for each was most of the import's time and memory in the
 * benchmark's profile (BENCHMARKS.md). Looked up only when a problem or warning is reported.
 */
export type MemberLines = Map<string, number> | number[];

interface JsonScannerOptions {
  /** Whether `text` runs to the end of the document; if not, see NEED_MORE. */
  complete: boolean;
  /** Where to record, for each object and array read, the line each of its members starts on; null records none. */
  memberLines: WeakMap<object, MemberLines> | null;
}

export class JsonScanner {
  pos = 0;
  line = 1;
  /** The path of the value being read, for error messages. */
  path: (string | number)[] = [];
  /** Containers open around `pos`: a value nested deeper than MAX_DEPTH is refused. */
  depth = 0;
  /** Whether `text` runs to the end of the document (JsonStream sets it at end()); if not, see NEED_MORE. */
  complete: boolean;
  /** Keys given twice in one object (JSON.parse silently keeps the last), at the line of the second. */
  duplicates: { path: JsonPath; line: number }[] = [];
  private readonly memberLines: WeakMap<object, MemberLines> | null;

  constructor(
    public text: string,
    options: JsonScannerOptions,
  ) {
    this.complete = options.complete;
    this.memberLines = options.memberLines;
  }

  /** The value starting at `pos`, which is left just after it. */
  parseValue(): unknown {
    const char = this.text[this.pos];
    switch (char) {
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case '"':
        return this.parseString();
      case 't':
        return this.parseLiteral('true', true);
      case 'f':
        return this.parseLiteral('false', false);
      case 'n':
        return this.parseLiteral('null', null);
      default:
        if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) return this.parseNumber();
        return this.fail(t().import.json.expectedValue(this.describeHere()));
    }
  }

  private parseObject(): Record<string, unknown> {
    this.enter();
    this.pos += 1;
    const result: Record<string, unknown> = {};
    let lines: Map<string, number> | null = null;
    if (this.memberLines !== null) {
      lines = new Map();
      this.memberLines.set(result, lines);
    }
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return this.leave(result);
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail(t().import.json.expectedKey(this.describeHere()));
      const keyLine = this.line;
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(t().import.json.expectedColon(key, this.describeHere()));
      this.pos += 1;
      this.skipWhitespace();
      this.path.push(key);
      if (Object.hasOwn(result, key)) this.duplicates.push({ path: [...this.path], line: keyLine });
      lines?.set(key, this.line);
      const value = this.parseValue();
      // `__proto__` is defined, as JSON.parse does, so it stays plain data. Every other key
      // is assigned: defineProperty on each key turns objects into slow dictionaries, which
      // made this line a fifth of a large import in the benchmark's profile.
      if (key === '__proto__') Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      else result[key] = value;
      this.path.pop();
      if (this.closesAfterMember('}')) return this.leave(result);
    }
  }

  private parseArray(): unknown[] {
    this.enter();
    this.pos += 1;
    const result: unknown[] = [];
    let lines: number[] | null = null;
    if (this.memberLines !== null) {
      lines = [];
      this.memberLines.set(result, lines);
    }
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return this.leave(result);
    }
    for (;;) {
      this.skipWhitespace();
      this.path.push(result.length);
      lines?.push(this.line);
      result.push(this.parseValue());
      this.path.pop();
      if (this.closesAfterMember(']')) return this.leave(result);
    }
  }

  /** After a member: `,` means another follows (false), `close` ends the container (true). */
  private closesAfterMember(close: '}' | ']'): boolean {
    this.skipWhitespace();
    const next = this.text[this.pos];
    if (next === ',' || next === close) {
      this.pos += 1;
      return next === close;
    }
    return this.fail(t().import.json.expectedCommaOr(close, this.describeHere()));
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail(t().import.json.tooDeep(MAX_DEPTH));
  }

  private leave<T>(value: T): T {
    this.depth -= 1;
    return value;
  }

  /** The string whose opening quote is at `pos`. */
  parseString(): string {
    const text = this.text;
    const start = this.pos;
    let escaped = false;
    let pos = start + 1;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === 0x22) break;
      if (Number.isNaN(code)) {
        this.pos = pos;
        this.fail(t().import.json.endInString);
      }
      if (code < 0x20) {
        this.pos = pos;
        this.fail(t().import.json.controlInString);
      }
      if (code === 0x5c) {
        escaped = true;
        pos += 2;
      } else {
        pos += 1;
      }
    }
    this.pos = pos + 1;
    // Without a backslash the characters between the quotes are the string itself.
    if (!escaped) return text.slice(start + 1, pos);
    // The token is delimited; JSON.parse then checks and decodes its escapes exactly.
    try {
      return JSON.parse(text.slice(start, this.pos)) as string;
    } catch {
      return this.fail(t().import.json.invalidEscape);
    }
  }

  private parseNumber(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos, this.pos + LOOKAHEAD));
    if (!match) return this.fail(t().import.json.expectedNumber(this.describeHere()));
    this.pos += match[0].length;
    // The number may go on in text not yet received.
    if (this.pos >= this.text.length && !this.complete) throw NEED_MORE;
    const after = this.text[this.pos];
    if (after !== undefined && /[\d.eE]/.test(after)) this.fail(t().import.json.malformedNumber(`${match[0]}${after}`));
    return Number(match[0]);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    return this.fail(t().import.json.expectedValue(this.describeHere()));
  }

  /** Moves `pos` past spaces, tabs and line breaks, counting lines. */
  skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x0a) this.line += 1;
      else if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return;
      this.pos += 1;
    }
  }

  /** What is at `pos`, for an error message. */
  describeHere(): string {
    if (this.pos >= this.text.length) return t().import.json.endOfFile;
    return JSON.stringify(this.text.slice(this.pos, this.pos + 12).split('\n')[0]);
  }

  /** A syntax error at `pos`, or, this close to the end of text that is not complete, NEED_MORE. */
  fail(message: string, path: JsonPath = this.path): never {
    if (!this.complete && this.text.length - this.pos < LOOKAHEAD) throw NEED_MORE;
    // At the end of the text the message says so, unless it already names the end of the file.
    const truncated = this.pos >= this.text.length && !message.includes(t().import.json.endOfFile);
    throw new JsonSyntaxError(truncated ? t().import.json.truncated(message) : message, this.line, [...path]);
  }
}
