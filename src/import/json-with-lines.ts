/**
 * A strict JSON (RFC 8259) parser that also records the line each value starts on, so
 * an import problem can point at `payroll.json:57`. JSON.parse gives neither value
 * positions nor, on Node 20, a line for a syntax error. It also reports a key given twice
 * in one object, which JSON.parse silently resolves to the last one.
 */

import { t } from '../i18n/catalogue.js';
import { JsonScanner, JsonSyntaxError } from './json-scanner.js';
import type { JsonPath, MemberLines } from './json-scanner.js';

export type { JsonPath } from './json-scanner.js';

type JsonParseResult =
  | {
      ok: true;
      value: unknown;
      /** The line of the value at `path`, or null when there is none. */
      lineOf: (path: JsonPath) => number | null;
      duplicateKeys: { path: JsonPath; line: number }[];
    }
  | { ok: false; line: number; path: JsonPath; message: string };

export function parseJsonWithLines(text: string): JsonParseResult {
  const memberLines = new WeakMap<object, MemberLines>();
  const scanner = new JsonScanner(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { complete: true, memberLines });
  try {
    scanner.skipWhitespace();
    if (scanner.pos >= scanner.text.length) scanner.fail(t().import.json.empty);
    const rootLine = scanner.line;
    const value = scanner.parseValue();
    scanner.skipWhitespace();
    if (scanner.pos < scanner.text.length) scanner.fail(t().import.json.afterEnd(scanner.describeHere()));
    return { ok: true, value, lineOf: (path) => lineAt(value, rootLine, memberLines, path), duplicateKeys: scanner.duplicates };
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { ok: false, line: error.line, path: error.path, message: error.message };
    throw error;
  }
}

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
