import { t } from '../i18n/catalogue.js';
import { JsonScanner, LOOKAHEAD, MAX_DEPTH, NEED_MORE } from './json-scanner.js';
import type { JsonPath } from './json-scanner.js';

export { JsonSyntaxError } from './json-scanner.js';

/**
 * A strict JSON (RFC 8259) parser fed text in chunks, for exports too large to hold whole.
 * The caller picks the containers that are read member by member (the export's lists of
 * employees and payslips); every other value is built whole and handed over as soon as
 * it closes, with the line it starts on and its source text. Nothing before it is kept,
 * so memory stays that of one record, whatever the size of the file.
 *
 * Values, keys and errors are read by the same JsonScanner as parseJsonWithLines
 * (json-with-lines.ts), so it accepts and refuses exactly what that does, with the same
 * messages, lines and paths, including keys given twice in one object.
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
  /**
   * The text received and not yet consumed, and the position, line and path in it. It is
   * not complete until end(): a step that reaches the end of the text (or errs within
   * LOOKAHEAD of it) throws NEED_MORE and is undone, to be tried again with more text.
   * Member lines are not recorded: a value's own lines are worked out again, from the
   * text handed over with it, only when a problem in it is reported (json-export.ts).
   */
  private readonly scanner = new JsonScanner('', { complete: false, memberLines: null });
  private started = false;
  private root: 'before' | 'inside' | 'done' = 'before';
  private readonly frames: Frame[] = [];
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
    if (this.scanner.text.length - this.scanner.pos + this.pendingLength < this.needAtLeast) return;
    this.run();
  }

  /** The end of the document: throws JsonSyntaxError if it is incomplete. */
  end(): void {
    this.scanner.complete = true;
    this.run();
    if (this.root !== 'done' || this.scanner.pos < this.scanner.text.length) throw new Error('unreachable: the JSON stream ended without finishing');
  }

  private run(): void {
    const scanner = this.scanner;
    scanner.text = scanner.text.slice(scanner.pos) + this.pending.join('');
    scanner.pos = 0;
    this.pending = [];
    this.pendingLength = 0;
    this.needAtLeast = 0;
    for (;;) {
      const pos = scanner.pos;
      const line = scanner.line;
      try {
        if (!this.step()) return;
      } catch (error) {
        if (error !== NEED_MORE) throw error;
        scanner.pos = pos;
        scanner.line = line;
        this.needAtLeast = Math.max(LOOKAHEAD, 2 * (scanner.text.length - pos));
        return;
      }
    }
  }

  /** One step that either completes (and reports) or throws NEED_MORE having reported nothing. False when there is nothing to do. */
  private step(): boolean {
    const scanner = this.scanner;
    if (this.root === 'done') {
      scanner.skipWhitespace();
      if (scanner.pos < scanner.text.length) scanner.fail(t().import.json.afterEnd(scanner.describeHere()), []);
      return false;
    }
    const frame = this.frames[this.frames.length - 1];
    if (frame === undefined) return this.rootValue();
    scanner.skipWhitespace();
    const close = frame.kind === 'object' ? '}' : ']';
    if (frame.state === 'after') {
      const next = scanner.text[scanner.pos];
      if (next === ',') {
        scanner.pos += 1;
        frame.state = 'member';
        return true;
      }
      if (next === close) return this.closeFrame();
      return scanner.fail(t().import.json.expectedCommaOr(close, scanner.describeHere()), frame.path);
    }
    if (frame.state === 'first' && scanner.text[scanner.pos] === close) return this.closeFrame();
    return frame.kind === 'object' ? this.objectMember(frame) : this.arrayMember(frame);
  }

  private rootValue(): boolean {
    const scanner = this.scanner;
    scanner.skipWhitespace();
    if (scanner.pos >= scanner.text.length) scanner.fail(t().import.json.empty, []);
    const line = scanner.line;
    if (this.openIfStreamed([], line)) return true;
    const { value, text } = this.wholeValue([]);
    this.root = 'done';
    this.reportLeafDuplicates();
    this.handler.value([], value, line, text);
    return true;
  }

  private objectMember(frame: Frame): boolean {
    const scanner = this.scanner;
    if (scanner.text[scanner.pos] !== '"') scanner.fail(t().import.json.expectedKey(scanner.describeHere()), frame.path);
    const keyLine = scanner.line;
    scanner.path = frame.path;
    const key = scanner.parseString();
    scanner.skipWhitespace();
    if (scanner.text[scanner.pos] !== ':') scanner.fail(t().import.json.expectedColon(key, scanner.describeHere()), frame.path);
    scanner.pos += 1;
    scanner.skipWhitespace();
    const path = [...frame.path, key];
    const line = scanner.line;
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
    const line = this.scanner.line;
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
    const char = this.scanner.text[this.scanner.pos];
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
    if (this.frames.length + 1 > MAX_DEPTH) this.scanner.fail(t().import.json.tooDeep(MAX_DEPTH), path);
    this.scanner.pos += 1;
    commitParent();
    this.frames.push({ kind, path, count: 0, keys: kind === 'object' ? new Set() : null, state: 'first' });
    this.handler.open(path, kind, line);
  }

  private closeFrame(): boolean {
    this.scanner.pos += 1;
    const frame = this.frames.pop();
    if (frame === undefined) throw new Error('unreachable: no container to close');
    if (this.frames.length === 0) this.root = 'done';
    this.handler.close(frame.path, frame.kind);
    return true;
  }

  /** A value parsed whole, with its source text: the scanner starts inside the open frames. */
  private wholeValue(path: (string | number)[]): { value: unknown; text: string } {
    const scanner = this.scanner;
    const start = scanner.pos;
    const fast = this.nativeParse();
    if (fast !== null) return fast;
    scanner.path = [...path];
    scanner.depth = this.frames.length;
    scanner.duplicates = [];
    const value = scanner.parseValue();
    return { value, text: scanner.text.slice(start, scanner.pos) };
  }

  /**
   * An object or array parsed by JSON.parse, which builds values several times faster than
   * the scanner (it was most of the import's parsing time in the benchmark's profile). A
   * quick scan finds where the value ends, counting its lines and its keys; JSON.parse
   * then accepts exactly the values the scanner would. Null, having moved nothing, when
   * the value needs the scanner after all: it is not valid (the scanner's error messages
   * are the ones users see), it nests too deep, it has a number too long for the scanner's
   * look-ahead, or it has fewer keys than members, meaning a key given twice.
   */
  private nativeParse(): { value: unknown; text: string } | null {
    const scanner = this.scanner;
    const text = scanner.text;
    const start = scanner.pos;
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
      if (!scanner.complete) throw NEED_MORE;
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
    scanner.pos = end;
    scanner.line += newlines;
    return { value, text: source };
  }

  private reportLeafDuplicates(): void {
    for (const { path, line } of this.scanner.duplicates) this.handler.duplicateKey(path, line);
    this.scanner.duplicates = [];
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
