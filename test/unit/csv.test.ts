import { describe, expect, test } from 'vitest';
import { csvDocument, csvField, EXCEL_SV, RFC4180 } from '../../src/domain/csv.js';

describe('csv', () => {
  test('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('plain', ',')).toBe('plain');
    expect(csvField('a,b', ',')).toBe('"a,b"');
    expect(csvField('a;b', ',')).toBe('a;b');
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('say "hej"', ',')).toBe('"say ""hej"""');
    expect(csvField('two\nlines', ',')).toBe('"two\nlines"');
    expect(csvField(null, ',')).toBe('');
    expect(csvField(0, ',')).toBe('0');
  });

  test('RFC 4180 document: header first, CRLF endings, no BOM', () => {
    expect(csvDocument(['a', 'b'], [['1', 'Åsa, Öberg']], RFC4180)).toBe('a,b\r\n1,"Åsa, Öberg"\r\n');
  });

  test('Excel variant: BOM and semicolons', () => {
    const doc = csvDocument(['a', 'b'], [['1', 'x;y']], EXCEL_SV);
    expect(doc.startsWith('\uFEFFa;b\r\n')).toBe(true);
    expect(doc).toContain('1;"x;y"\r\n');
  });
});
