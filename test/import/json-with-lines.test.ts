import { describe, expect, it } from 'vitest';
import { parseJsonWithLines } from '../../src/import/json-with-lines.js';

const text = [
  '{',
  '  "employees": [',
  '    { "employee_number": "1001",',
  '      "first_name": "\\u00c5sa \\"Tolvan\\"" },',
  '    {',
  '      "employee_number": 1002, "address": null',
  '    }',
  '  ],',
  '  "pay_runs":',
  '    [ [1,', '2] ],',
  '  "note": "plain text"',
  '}',
].join('\n');

function parsed() {
  const result = parseJsonWithLines(text);
  if (!result.ok) throw new Error(result.message);
  return result;
}

describe('parseJsonWithLines', () => {
  it('parses exactly as JSON.parse does, escapes included', () => {
    expect(parsed().value).toEqual(JSON.parse(text));
  });

  it('gives the line each value starts on, by path', () => {
    const { lineOf } = parsed();
    expect(lineOf([])).toBe(1);
    expect(lineOf(['employees'])).toBe(2);
    expect(lineOf(['employees', 0])).toBe(3);
    expect(lineOf(['employees', 0, 'first_name'])).toBe(4);
    expect(lineOf(['employees', 1])).toBe(5);
    expect(lineOf(['employees', 1, 'employee_number'])).toBe(6);
    expect(lineOf(['employees', 1, 'address'])).toBe(6);
    expect(lineOf(['pay_runs'])).toBe(10);
    expect(lineOf(['pay_runs', 0, 1])).toBe(11);
    expect(lineOf(['note'])).toBe(12);
  });

  it('has no line for what is not there, or for a path of the wrong kind', () => {
    const { lineOf } = parsed();
    expect(lineOf(['employees', 2])).toBeNull();
    expect(lineOf(['employees', 0, 'last_name'])).toBeNull();
    expect(lineOf(['employees', 1, 'address', 'street'])).toBeNull();
    expect(lineOf(['employees', '0'])).toBeNull();
    expect(lineOf(['note', 0])).toBeNull();
    expect(lineOf(['toString'])).toBeNull();
  });

  it('reports a key given twice, and keeps the line of the value it keeps', () => {
    const result = parseJsonWithLines('{\n"a": 1,\n"a":\n2\n}');
    if (!result.ok) throw new Error(result.message);
    expect(result.value).toEqual({ a: 2 });
    expect(result.duplicateKeys).toEqual([{ path: ['a'], line: 3 }]);
    expect(result.lineOf(['a'])).toBe(4);
  });

  it('still refuses a bad escape and a raw line break inside a string, with the line', () => {
    expect(parseJsonWithLines('{\n"a": "x\\q"}')).toMatchObject({ ok: false, line: 2, message: 'an invalid escape sequence in a string' });
    expect(parseJsonWithLines('{\n"a": "x\ny"}')).toMatchObject({ ok: false, line: 2, path: ['a'] });
  });
});

describe('parseJsonWithLines with hostile keys', () => {
  it('keeps __proto__ as a plain own key, as JSON.parse does', () => {
    const result = parseJsonWithLines('{"__proto__": {"polluted": true}, "a": 1}');
    if (!result.ok) throw new Error(result.message);
    const value = result.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect((value as { polluted?: unknown }).polluted).toBeUndefined();
    expect(value).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'));
  });
});
