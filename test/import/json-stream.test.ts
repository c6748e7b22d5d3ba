import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { JsonStream, JsonSyntaxError } from '../../src/import/json-stream.js';
import type { ContainerKind } from '../../src/import/json-stream.js';
import { parseJsonWithLines } from '../../src/import/json-with-lines.js';
import type { JsonPath } from '../../src/import/json-with-lines.js';
import { readUtf8Chunks } from '../../src/import/utf8-file.js';
import { jsonText, baseExport } from './support/exports.js';

/**
 * The streaming parser must accept, refuse and locate exactly as parseJsonWithLines does
 * (the reference, which reads the whole text), wherever the chunk boundaries fall.
 */

type Event =
  | { open: JsonPath; line: number }
  | { close: JsonPath }
  | { value: JsonPath; line: number; text: string; parsed: unknown }
  | { duplicate: JsonPath; line: number };

/** Streams `text` in pieces of `chunk` characters; `streamed` picks the containers read member by member. */
function stream(text: string, chunk: number, streamed: (path: JsonPath, kind: ContainerKind) => boolean) {
  const events: Event[] = [];
  const parser = new JsonStream({
    streams: streamed,
    open: (path, _kind, line) => events.push({ open: [...path], line }),
    close: (path) => events.push({ close: [...path] }),
    value: (path, parsed, line, source) => events.push({ value: [...path], line, text: source, parsed }),
    duplicateKey: (path, line) => events.push({ duplicate: [...path], line }),
  });
  try {
    for (let at = 0; at < text.length; at += chunk) parser.push(text.slice(at, at + chunk));
    parser.end();
    return { ok: true as const, events };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false as const, events, error: { line: error.line, path: error.path, message: error.message } };
  }
}

const exportShape = (path: JsonPath, kind: ContainerKind): boolean =>
  path.length === 0 ||
  (path.length === 1 && kind === 'array' && (path[0] === 'employees' || path[0] === 'pay_runs')) ||
  (path.length === 2 && path[0] === 'pay_runs' && kind === 'object') ||
  (path.length === 3 && path[2] === 'payslips' && kind === 'array');
const everything = (): boolean => true;
const nothing = (): boolean => false;

/** What the reference parser says: the value, every line by path, duplicates, or the error. */
function reference(text: string) {
  return parseJsonWithLines(text);
}

const SAMPLE = [
  '{',
  '  "company": { "name": "Ekbacken \\"Bygg\\" \\u00c5", "address": null },',
  '  "employees": [',
  '    { "employee_number": "1001", "n": -12.5e3, "ok": true, "no": false },',
  '    {',
  '      "employee_number": 1002, "employee_number": 1003',
  '    }, [], {}',
  '  ],',
  '  "pay_runs": [ { "payslips": [ { "lines": [ { "amount": "1.00" } ] } ], "id": "2025-11" }, 7 ],',
  '  "note": 1, "note": "Åsa 😀"',
  '}',
].join('\n');

describe('JsonStream against parseJsonWithLines', () => {
  test.each([1, 2, 3, 7, 64, 10_000])('chunks of %i: the same values, lines and duplicates', (chunk) => {
    const expected = reference(SAMPLE);
    if (!expected.ok) throw new Error(expected.message);
    for (const streamed of [exportShape, everything, nothing]) {
      const result = stream(SAMPLE, chunk, streamed);
      expect(result.ok).toBe(true);
      const values = result.events.flatMap((e) => ('value' in e ? [e] : []));
      for (const event of values) {
        expect({ path: event.value, line: event.line }).toEqual({ path: event.value, line: expected.lineOf(event.value) });
        // The text handed over is the value's own source.
        expect(JSON.parse(event.text)).toEqual(event.parsed);
      }
      for (const event of result.events.flatMap((e) => ('open' in e ? [e] : []))) expect(event.line).toBe(expected.lineOf(event.open));
      const duplicates = result.events.flatMap((e) => ('duplicate' in e ? [{ path: e.duplicate, line: e.line }] : []));
      expect(duplicates).toEqual(expected.duplicateKeys);
    }
    // Read whole, the document is the reference's value.
    const whole = stream(SAMPLE, chunk, nothing).events.flatMap((e) => ('value' in e ? [e] : []));
    expect(whole.map((e) => [e.value, e.parsed])).toEqual([[[], expected.value]]);
  });

  test('streams only what the handler asks for, in document order', () => {
    const result = stream('{"employees": [{"a": 1}, 2], "x": {"y": [1]}}', 5, exportShape);
    expect(result.events.map((e) => Object.entries(e)[0]!.slice(0, 2))).toEqual([
      ['open', []],
      ['open', ['employees']],
      ['value', ['employees', 0]],
      ['value', ['employees', 1]],
      ['close', ['employees']],
      ['value', ['x']],
      ['close', []],
    ]);
  });

  test('a broken document: the same error, line and path as the reference, wherever it breaks and however it is chunked', () => {
    const valid = jsonText(baseExport());
    const damage = fc.oneof(
      fc.record({ cut: fc.nat({ max: valid.length }) }),
      fc.record({ at: fc.nat({ max: valid.length - 1 }), insert: fc.constantFrom('"', ',', '\n', '\\', '\u0001', '{', ']', '}', ':', 'x', '1.', '-', 'tru') }),
      fc.record({ at: fc.nat({ max: valid.length - 1 }), remove: fc.integer({ min: 1, max: 20 }) }),
    );
    fc.assert(
      fc.property(damage, fc.constantFrom(1, 2, 5, 13, 400, 100_000), (d, chunk) => {
        const text =
          'cut' in d ? valid.slice(0, d.cut) : 'insert' in d ? valid.slice(0, d.at) + d.insert + valid.slice(d.at) : valid.slice(0, d.at) + valid.slice(d.at + d.remove);
        const expected = reference(text);
        const result = stream(text, chunk, exportShape);
        if (expected.ok) {
          expect(result.ok).toBe(true);
        } else {
          expect(result.ok ? null : result.error).toEqual({ line: expected.line, path: expected.path, message: expected.message });
        }
      }),
      { numRuns: 400, seed: 11 },
    );
  });

  test('errors that need the end of the file say so, and a truncated file is not mistaken for a short one', () => {
    expect(stream('', 1, exportShape)).toMatchObject({ ok: false, error: { line: 1, message: 'the file is empty (is the file truncated?)' } });
    expect(stream('{"employees": [1, 2', 1, exportShape)).toMatchObject({
      ok: false,
      error: { path: ['employees'], message: "expected ',' or ']' after a value, found the end of the file (is it truncated?)" },
    });
    // A number cut by a chunk boundary is read whole: 12345, not 12 and a syntax error.
    const split = stream('{"employees": [12345]}', 3, everything);
    expect(split.events).toContainEqual(expect.objectContaining({ value: ['employees', 0], parsed: 12345 }));
    expect(stream('{} x', 1, exportShape)).toMatchObject({ ok: false, error: { message: 'unexpected "x" after the end of the JSON document' } });
  });

  test('a value spanning thousands of chunks is read whole', () => {
    const big = `{"note": [${Array.from({ length: 50_000 }, (_, i) => `"value ${i}"`).join(',')}]}`;
    const result = stream(big, 16, exportShape);
    expect(result.ok && result.events.some((e) => 'value' in e && Array.isArray(e.parsed) && e.parsed.length === 50_000)).toBe(true);
  });

  test('keeps __proto__ as a plain own key, as JSON.parse does', () => {
    const result = stream('{"employees": [{"__proto__": {"polluted": true}}]}', 4, exportShape);
    const value = result.events.flatMap((e) => ('value' in e ? [e.parsed as Record<string, unknown>] : []))[0]!;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
  });
});

describe('readUtf8Chunks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'payslips-utf8-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('a character split between chunks arrives whole: any chunk size gives the same text', () => {
    const text = '\ufeff{"name": "Åsa Öberg-Nyström 😀 €"}\n';
    const path = join(dir, 'multibyte.json');
    writeFileSync(path, text);
    for (const size of [1, 2, 3, 5, 1 << 20]) {
      const pieces: string[] = [];
      expect(readUtf8Chunks(path, (piece) => pieces.push(piece), size)).toEqual({ ok: true });
      // The decoder drops the byte order mark, as it did when the file was read whole.
      expect(pieces.join('')).toBe(text.slice(1));
      if (size === 1) expect(pieces.every((piece) => !piece.includes('\ufffd'))).toBe(true);
    }
  });

  test('a file that is not UTF-8: the line of its first bad byte, whatever the chunk size', () => {
    const path = join(dir, 'latin1.json');
    writeFileSync(path, Buffer.concat([Buffer.from('{\n"a": "ok",\n"b": "M'), Buffer.from([0xe5]), Buffer.from('leri"\n}\n')]));
    for (const size of [1, 4, 1 << 20]) expect(readUtf8Chunks(path, () => {}, size)).toEqual({ ok: false, line: 3 });
    // Cut off in the middle of a character at the very end.
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, Buffer.concat([Buffer.from('{"a": "\n'), Buffer.from('😀').subarray(0, 2)]));
    expect(readUtf8Chunks(cut, () => {}, 3)).toEqual({ ok: false, line: 2 });
  });
});
