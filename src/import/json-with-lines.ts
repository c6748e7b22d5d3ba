/**
 * A strict JSON (RFC 8259) parser that also records the line each value starts on, so
 * an import problem can point at `payroll.json:57`. JSON.parse gives neither value
 * positions nor, on Node 20, a line for a syntax error. It also reports a key given twice
 * in one object, which JSON.parse silently resolves to the last one.
 */

export type JsonPath = readonly (string | number)[];

export type JsonParseResult =
  | {
      ok: true;
      value: unknown;
      /** The line of the value at `path`, or null when there is none. */
      lineOf: (path: JsonPath) => number | null;
      duplicateKeys: { path: JsonPath; line: number }[];
    }
  | { ok: false; line: number; path: JsonPath; message: string };

/** Payroll data is a few levels deep; this keeps hostile input from exhausting the stack. */
const MAX_DEPTH = 64;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly path: JsonPath,
  ) {
    super(message);
  }
}

export function parseJsonWithLines(text: string): JsonParseResult {
  const parser = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    const value = parser.parseDocument();
    const { rootLine, memberLines } = parser;
    return { ok: true, value, lineOf: (path) => lineAt(value, rootLine, memberLines, path), duplicateKeys: parser.duplicates };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, line: error.line, path: error.path, message: error.message };
    throw error;
  }
}

/**
 * The lines of an object's or array's members, kept beside the container itself rather
 * than under a string key per value: a 50,000-payslip export has millions of values, and
 * building and holding a key for each was most of the import's time and memory in the
 * benchmark's profile (BENCHMARKS.md). Looked up only when a problem or warning is reported.
 */
type MemberLines = Map<string, number> | number[];

/** Walks `path` from the root: an array is entered by index, an object by key, nothing else. */
function lineAt(root: unknown, rootLine: number, memberLines: WeakMap<object, MemberLines>, path: JsonPath): number | null {
  if (path.length === 0) return rootLine;
  let container = root;
  for (let index = 0; index < path.length; index += 1) {
    if (typeof container !== 'object' || container === null) return null;
    const part = path[index]!;
    const lines = memberLines.get(container);
    let line: number | undefined;
    let next: unknown;
    if (Array.isArray(container) && Array.isArray(lines) && typeof part === 'number') {
      line = lines[part];
      next = container[part];
    } else if (!Array.isArray(container) && lines instanceof Map && typeof part === 'string') {
      line = lines.get(part);
      next = Object.hasOwn(container, part) ? (container as Record<string, unknown>)[part] : undefined;
    }
    if (line === undefined) return null;
    if (index === path.length - 1) return line;
    container = next;
  }
  return null;
}

class Parser {
  private pos = 0;
  private line = 1;
  private readonly path: (string | number)[] = [];
  /** The line of the document's top value. */
  rootLine = 1;
  readonly memberLines = new WeakMap<object, MemberLines>();
  readonly duplicates: { path: JsonPath; line: number }[] = [];

  constructor(private readonly text: string) {}

  parseDocument(): unknown {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('the file is empty');
    this.rootLine = this.line;
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the end of the JSON document`);
    return value;
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
    const lines = new Map<string, number>();
    this.memberLines.set(result, lines);
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
      if (Object.hasOwn(result, key)) this.duplicates.push({ path: [...this.path], line: keyLine });
      lines.set(key, this.line);
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
    const lines: number[] = [];
    this.memberLines.set(result, lines);
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return this.leave(result);
    }
    for (;;) {
      this.skipWhitespace();
      this.path.push(result.length);
      lines.push(this.line);
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

  private depth = 0;

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
  }

  private leave<T>(value: T): T {
    this.depth -= 1;
    return value;
  }

  private parseString(): string {
    const start = this.pos;
    let escaped = false;
    this.pos += 1;
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (Number.isNaN(code)) this.fail('unexpected end of file inside a string');
      if (code === 0x22) break;
      if (code < 0x20) this.fail('a control character (such as a line break) inside a string; escape it');
      if (code === 0x5c) escaped = true;
      this.pos += code === 0x5c ? 2 : 1;
    }
    this.pos += 1;
    // Without a backslash the characters between the quotes are the string itself.
    if (!escaped) return this.text.slice(start + 1, this.pos - 1);
    // The token is delimited; JSON.parse then checks and decodes its escapes exactly.
    try {
      return JSON.parse(this.text.slice(start, this.pos)) as string;
    } catch {
      return this.fail('an invalid escape sequence in a string');
    }
  }

  private parseNumber(): number {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!match) this.fail(`expected a number, found ${this.describeHere()}`);
    this.pos += match[0].length;
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
    for (;;) {
      const char = this.text[this.pos];
      if (char === '\n') this.line += 1;
      else if (char !== ' ' && char !== '\t' && char !== '\r') return;
      this.pos += 1;
    }
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'the end of the file (is it truncated?)';
    return JSON.stringify(this.text.slice(this.pos, this.pos + 12).split('\n')[0]);
  }

  private fail(message: string): never {
    const truncated = this.pos >= this.text.length && !message.includes('truncated');
    throw new JsonSyntaxError(truncated ? `${message} (is the file truncated?)` : message, this.line, [...this.path]);
  }
}
