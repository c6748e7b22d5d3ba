import type { JsonPath } from './json-with-lines.js';

/**
 * A strict JSON (RFC 8259) parser fed text in chunks, for exports too large to hold whole.
 * The caller picks the containers that are read member by member (the export's lists of
 * employees and payslips); every other value is built whole and handed over as soon as
 * it closes, with the line it starts on and its source text. Nothing before it is kept,
 * so memory stays that of one record, whatever the size of the file.
 *
 * It accepts and refuses exactly what parseJsonWithLines (json-with-lines.ts) does, with
 * the same messages, lines and paths, including keys given twice in one object.
 */

export type ContainerKind = 'object' | 'array';

export interface JsonStreamHandler {
  /** Whether the object or array starting at `path` is read member by member; otherwise it comes whole to `value`. */
  streams(path: JsonPath, kind: ContainerKind): boolean;
  /** A container that `streams` chose opens at `line`. */
  open(path: JsonPath, kind: ContainerKind, line: number): void;
  close(path: JsonPath, kind: ContainerKind): void;
  /** A complete value that is not streamed: the value, the line it starts on, and its text. */
  value(path: JsonPath, value: unknown, line: number, text: string): void;
  /** A key given twice in one object (JSON.parse would silently keep the last), at the line of the second. */
  duplicateKey(path: JsonPath, line: number): void;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly path: JsonPath,
  ) {
    super(message);
  }
}

/** Payroll data is a few levels deep; this keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 64;

/**
 * How far from the end of the text received so far an error may be only because the rest
 * has not arrived: the longest look-ahead a message or a number needs. Closer than this
 * and not at the end of the file, the step waits for more text and is tried again.
 */
const LOOKAHEAD = 400;

/** Thrown inside a step when the text so far ends before the step does; the step is undone. */
const NEED_MORE = Symbol('need more text');

interface Frame {
  kind: ContainerKind;
  path: (string | number)[];
  /** Members read so far: the next array index. */
  count: number;
  /** Keys read so far (objects only), for duplicates. */
  keys: Set<string> | null;
  /** `first`: just opened, may close at once; `member`: after a comma; `after`: after a member. */
  state: 'first' | 'member' | 'after';
}

export class JsonStream {
  private text = '';
  private pos = 0;
  private line = 1;
  private final = false;
  private started = false;
  private root: 'before' | 'inside' | 'done' = 'before';
  private readonly frames: Frame[] = [];
  /** The path of the value being parsed whole, for error messages. */
  private path: (string | number)[] = [];
  private depth = 0;
  private leafDuplicates: { path: JsonPath; line: number }[] = [];
  /** Text received but not yet parsed: a step that needed more waits until it has doubled. */
  private pending: string[] = [];
  private pendingLength = 0;
  private needAtLeast = 0;

  constructor(private readonly handler: JsonStreamHandler) {}

  /** More text of the document. Throws JsonSyntaxError (and handler errors) as soon as they are found. */
  push(chunk: string): void {
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    // Retrying a step from its start on every small chunk would be quadratic in the size
    // of a large value; waiting until the unparsed text has doubled keeps it linear.
    if (this.text.length - this.pos + this.pendingLength < this.needAtLeast) return;
    this.run();
  }

  /** The end of the document: throws JsonSyntaxError if it is incomplete. */
  end(): void {
    this.final = true;
    this.run();
    if (this.root !== 'done' || this.pos < this.text.length) throw new Error('unreachable: the JSON stream ended without finishing');
  }

  private run(): void {
    this.text = this.text.slice(this.pos) + this.pending.join('');
    this.pos = 0;
    this.pending = [];
    this.pendingLength = 0;
    this.needAtLeast = 0;
    for (;;) {
      const pos = this.pos;
      const line = this.line;
      try {
        if (!this.step()) return;
      } catch (error) {
        if (error !== NEED_MORE) throw error;
        this.pos = pos;
        this.line = line;
        this.needAtLeast = Math.max(LOOKAHEAD, 2 * (this.text.length - pos));
        return;
      }
    }
  }

  /** One step that either completes (and reports) or throws NEED_MORE having reported nothing. False when there is nothing to do. */
  private step(): boolean {
    if (this.root === 'done') {
      this.skipWhitespace();
      if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the end of the JSON document`, []);
      return false;
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) return this.rootValue();
    this.skipWhitespace();
    const close = frame.kind === 'object' ? '}' : ']';
    if (frame.state === 'after') {
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos += 1;
        frame.state = 'member';
        return true;
      }
      if (next === close) return this.closeFrame();
      return this.fail(`expected ',' or '${close}' after a value, found ${this.describeHere()}`, frame.path);
    }
    if (frame.state === 'first' && this.text[this.pos] === close) return this.closeFrame();
    return frame.kind === 'object' ? this.objectMember(frame) : this.arrayMember(frame);
  }

  private rootValue(): boolean {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the file is empty', []);
    const line = this.line;
    if (this.openIfStreamed([], line)) return true;
    const { value, text } = this.wholeValue([]);
    this.root = 'done';
    this.reportLeafDuplicates();
    this.handler.value([], value, line, text);
    return true;
  }

  private objectMember(frame: Frame): boolean {
    if (this.text[this.pos] !== '"') this.fail(`expected a quoted key, found ${this.describeHere()}`, frame.path);
    const keyLine = this.line;
    this.path = frame.path;
    const key = this.parseString();
    this.skipWhitespace();
    if (this.text[this.pos] !== ':') this.fail(`expected ':' after the key "${key}", found ${this.describeHere()}`, frame.path);
    this.pos += 1;
    this.skipWhitespace();
    const path = [...frame.path, key];
    const line = this.line;
    const duplicate = frame.keys?.has(key) ?? false;
    const streamed = this.peekStreamed(path);
    if (streamed !== null) {
      this.openFrame(path, streamed, line, () => {
        frame.keys?.add(key);
        frame.state = 'after';
        if (duplicate) this.handler.duplicateKey(path, keyLine);
      });
      return true;
    }
    const { value, text } = this.wholeValue(path);
    frame.keys?.add(key);
    frame.state = 'after';
    if (duplicate) this.handler.duplicateKey(path, keyLine);
    this.reportLeafDuplicates();
    this.handler.value(path, value, line, text);
    return true;
  }

  private arrayMember(frame: Frame): boolean {
    const path = [...frame.path, frame.count];
    const line = this.line;
    const streamed = this.peekStreamed(path);
    if (streamed !== null) {
      this.openFrame(path, streamed, line, () => {
        frame.count += 1;
        frame.state = 'after';
      });
      return true;
    }
    const { value, text } = this.wholeValue(path);
    frame.count += 1;
    frame.state = 'after';
    this.reportLeafDuplicates();
    this.handler.value(path, value, line, text);
    return true;
  }

  /** The kind of container starting here if the handler streams it, else null. */
  private peekStreamed(path: JsonPath): ContainerKind | null {
    const char = this.text[this.pos];
    const kind = char === '{' ? 'object' : char === '[' ? 'array' : null;
    return kind !== null && this.handler.streams(path, kind) ? kind : null;
  }

  private openIfStreamed(path: (string | number)[], line: number): boolean {
    const kind = this.peekStreamed(path);
    if (kind === null) return false;
    this.openFrame(path, kind, line, () => {
      this.root = 'inside';
    });
    return true;
  }

  /** `commitParent` runs once the frame is open: the parent's bookkeeping for this member. */
  private openFrame(path: (string | number)[], kind: ContainerKind, line: number, commitParent: () => void): void {
    if (this.frames.length + 1 > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`, path);
    this.pos += 1;
    commitParent();
    this.frames.push({ kind, path, count: 0, keys: kind === 'object' ? new Set() : null, state: 'first' });
    this.handler.open(path, kind, line);
  }

  private closeFrame(): boolean {
    this.pos += 1;
    const frame = this.frames.pop();
    if (frame === undefined) throw new Error('unreachable: no container to close');
    if (this.frames.length === 0) this.root = 'done';
    this.handler.close(frame.path, frame.kind);
    return true;
  }

  /** A value parsed whole, with its source text. */
  private wholeValue(path: (string | number)[]): { value: unknown; text: string } {
    const start = this.pos;
    const fast = this.nativeParse();
    if (fast !== null) return fast;
    this.path = [...path];
    this.depth = this.frames.length;
    this.leafDuplicates = [];
    const value = this.parseValue();
    return { value, text: this.text.slice(start, this.pos) };
  }

  /**
   * An object or array parsed by JSON.parse, which builds values several times faster than
   * this parser (it was most of the import's parsing time in the benchmark's profile). A
   * quick scan finds where the value ends, counting its lines and its keys; JSON.parse
   * then accepts exactly the values this parser would. Null, having moved nothing, when
   * the value needs this parser after all: it is not valid (this parser's error messages
   * are the ones users see), it nests too deep, it has a number too long for the parser's
   * look-ahead, or it has fewer keys than members, meaning a key given twice.
   */
  private nativeParse(): { value: unknown; text: string } | null {
    const text = this.text;
    const start = this.pos;
    const first = text.charCodeAt(start);
    if (first !== 0x7b && first !== 0x5b) return null;
    let depth = 0;
    let members = 0;
    let newlines = 0;
    let numberRun = 0;
    let pos = start;
    let end = -1;
    const length = text.length;
    while (pos < length) {
      const code = text.charCodeAt(pos);
      pos += 1;
      if (code === 0x22) {
        // A string: skip to its closing quote, stepping over escapes.
        for (;;) {
          if (pos >= length) break;
          const inner = text.charCodeAt(pos);
          pos += inner === 0x5c ? 2 : 1;
          if (inner === 0x22) break;
        }
        numberRun = 0;
        continue;
      }
      if ((code >= 0x30 && code <= 0x39) || code === 0x2e || code === 0x2d || code === 0x2b || code === 0x65 || code === 0x45) {
        numberRun += 1;
        if (numberRun >= LOOKAHEAD) return null;
        continue;
      }
      numberRun = 0;
      if (code === 0x7b || code === 0x5b) {
        depth += 1;
        if (depth + this.frames.length > MAX_DEPTH) return null;
      } else if (code === 0x7d || code === 0x5d) {
        depth -= 1;
        if (depth === 0) {
          end = pos;
          break;
        }
      } else if (code === 0x3a) {
        members += 1;
      } else if (code === 0x0a) {
        newlines += 1;
      }
    }
    if (end === -1) {
      if (!this.final) throw NEED_MORE;
      return null;
    }
    const source = text.slice(start, end);
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      return null;
    }
    if (countKeys(value) !== members) return null;
    this.pos = end;
    this.line += newlines;
    return { value, text: source };
  }

  private reportLeafDuplicates(): void {
    for (const { path, line } of this.leafDuplicates) this.handler.duplicateKey(path, line);
    this.leafDuplicates = [];
  }

  private parseValue(): unknown {
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
        return this.fail(`expected a value, found ${this.describeHere()}`);
    }
  }

  private parseObject(): Record<string, unknown> {
    this.enter();
    this.pos += 1;
    const result: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return this.leave(result);
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] !== '"') this.fail(`expected a quoted key, found ${this.describeHere()}`);
      const keyLine = this.line;
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after the key "${key}", found ${this.describeHere()}`);
      this.pos += 1;
      this.skipWhitespace();
      this.path.push(key);
      if (Object.hasOwn(result, key)) this.leafDuplicates.push({ path: [...this.path], line: keyLine });
      const value = this.parseValue();
      // `__proto__` is defined, as JSON.parse does, so it stays plain data; every other key
      // is assigned, since defineProperty on each key makes objects slow dictionaries.
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
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return this.leave(result);
    }
    for (;;) {
      this.skipWhitespace();
      this.path.push(result.length);
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
    return this.fail(`expected ',' or '${close}' after a value, found ${this.describeHere()}`);
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
  }

  private leave<T>(value: T): T {
    this.depth -= 1;
    return value;
  }

  private parseString(): string {
    const text = this.text;
    const start = this.pos;
    let escaped = false;
    let pos = start + 1;
    for (;;) {
      const code = text.charCodeAt(pos);
      if (code === 0x22) break;
      if (Number.isNaN(code)) {
        this.pos = pos;
        this.fail('unexpected end of file inside a string');
      }
      if (code < 0x20) {
        this.pos = pos;
        this.fail('a control character (such as a line break) inside a string; escape it');
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
      return this.fail('an invalid escape sequence in a string');
    }
  }

  private parseNumber(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos, this.pos + LOOKAHEAD));
    if (!match) return this.fail(`expected a number, found ${this.describeHere()}`);
    this.pos += match[0].length;
    // The number may go on in the next chunk.
    if (this.pos >= this.text.length && !this.final) throw NEED_MORE;
    const after = this.text[this.pos];
    if (after !== undefined && /[\d.eE]/.test(after)) this.fail(`malformed number ${match[0]}${after}`);
    return Number(match[0]);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.pos)) {
      this.pos += word.length;
      return value;
    }
    return this.fail(`expected a value, found ${this.describeHere()}`);
  }

  private skipWhitespace(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.pos);
      if (code === 0x0a) this.line += 1;
      else if (code !== 0x20 && code !== 0x09 && code !== 0x0d) return;
      this.pos += 1;
    }
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'the end of the file (is it truncated?)';
    return JSON.stringify(this.text.slice(this.pos, this.pos + 12).split('\n')[0]);
  }

  /** A syntax error at the current position, or, this close to the end of the text so far, a wait for more. */
  private fail(message: string, path: JsonPath = this.path): never {
    if (!this.final && this.text.length - this.pos < LOOKAHEAD) throw NEED_MORE;
    const truncated = this.pos >= this.text.length && !message.includes('truncated');
    throw new JsonSyntaxError(truncated ? `${message} (is the file truncated?)` : message, this.line, [...path]);
  }
}

/** Keys in a parsed value, nested ones included: fewer than the members written means a key given twice. */
function countKeys(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const item of value) count += countKeys(item);
    return count;
  }
  for (const key in value) count += 1 + countKeys((value as Record<string, unknown>)[key]);
  return count;
}
