import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { csvAmount, csvDocument, csvField, EXCEL_SV, RFC4180, type CsvCell, type CsvDialect } from '../../src/domain/csv.js';
import { MAX_ABS_ORE } from '../../src/domain/money.js';

const FORMULA_START = /^[=+\-@\t\r]/;

describe('csv', () => {
  test('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('plain', RFC4180)).toBe('plain');
    expect(csvField('a,b', RFC4180)).toBe('"a,b"');
    expect(csvField('a;b', RFC4180)).toBe('a;b');
    expect(csvField('a;b', EXCEL_SV)).toBe('"a;b"');
    expect(csvField('say "hej"', RFC4180)).toBe('"say ""hej"""');
    expect(csvField('two\nlines', RFC4180)).toBe('"two\nlines"');
    expect(csvField(null, RFC4180)).toBe('');
    expect(csvField(0, RFC4180)).toBe('0');
  });

  test('RFC 4180 document: header first, CRLF endings, no BOM', () => {
    expect(csvDocument(['a', 'b'], [['1', 'Åsa, Öberg']], RFC4180)).toBe('a,b\r\n1,"Åsa, Öberg"\r\n');
  });

  test('Excel variant: BOM and semicolons', () => {
    const doc = csvDocument(['a', 'b'], [['1', 'x;y']], EXCEL_SV);
    expect(doc.startsWith('\uFEFFa;b\r\n')).toBe(true);
    expect(doc).toContain('1;"x;y"\r\n');
  });

  test('text that a spreadsheet would run as a formula gets a leading quote', () => {
    expect(csvField('=HYPERLINK("http://x","klick")', RFC4180)).toBe('"\'=HYPERLINK(""http://x"",""klick"")"');
    expect(csvField("+cmd|' /C calc'!A0", RFC4180)).toBe("'+cmd|' /C calc'!A0");
    expect(csvField('@SUM(A1)', RFC4180)).toBe("'@SUM(A1)");
    expect(csvField('-2+3', EXCEL_SV)).toBe("'-2+3");
    expect(csvField('\t=1+1', RFC4180)).toBe("'\t=1+1");
    expect(csvField('\r=1+1', RFC4180)).toBe('"\'\r=1+1"');
    // No exception for a lone minus or a negative number given as text.
    expect(csvField('-', RFC4180)).toBe("'-");
    expect(csvField('-500.00', RFC4180)).toBe("'-500.00");
    // What the tool itself writes is left as it is.
    expect(csvField('198005112381', RFC4180)).toBe('198005112381');
    expect(csvField('2025-11-25T05:00:02.000Z', RFC4180)).toBe('2025-11-25T05:00:02.000Z');
    expect(csvField('Åsa Ekström-Berg', RFC4180)).toBe('Åsa Ekström-Berg');
    expect(csvField("'=already", RFC4180)).toBe("'=already");
  });

  test('numbers and amounts stay numbers, with the dialect\'s decimal sign', () => {
    expect(csvField(-500, RFC4180)).toBe('-500');
    expect(csvField(-2.5, EXCEL_SV)).toBe('-2,5');
    expect(csvField(csvAmount(-50_000), RFC4180)).toBe('-500.00');
    expect(csvField(csvAmount(-50_000), EXCEL_SV)).toBe('-500,00');
    expect(csvField(csvAmount(123_456_789), EXCEL_SV)).toBe('1234567,89');
    expect(csvDocument(['belopp', 'text'], [[csvAmount(-1250), '-12,50']], EXCEL_SV)).toBe("\uFEFFbelopp;text\r\n-12,50;'-12,50\r\n");
    expect(() => csvField(Number.NaN, RFC4180)).toThrow(/Not a number/);
    expect(() => csvField(csvAmount(0.5), RFC4180)).toThrow(/öre/);
  });

  /** Text built mostly from what matters here: triggers, quotes, separators, line breaks. */
  const trickyText = fc.oneof(
    fc.string({ unit: fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', ',', ';', "'", ' ', 'a', 'Å', '1', '.') }),
    fc.string({ unit: 'binary' }),
    fc.string(),
  );
  type Written = { kind: 'text'; value: string } | { kind: 'number'; value: number } | { kind: 'amount'; ore: number } | { kind: 'empty' };
  const cell: fc.Arbitrary<Written> = fc.oneof(
    { weight: 6, arbitrary: trickyText.map((value) => ({ kind: 'text' as const, value })) },
    { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map((value) => ({ kind: 'number' as const, value })) },
    { weight: 2, arbitrary: fc.integer({ min: -MAX_ABS_ORE, max: MAX_ABS_ORE }).map((ore) => ({ kind: 'amount' as const, ore })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  );
  const toCell = (w: Written): CsvCell => (w.kind === 'text' ? w.value : w.kind === 'number' ? w.value : w.kind === 'amount' ? csvAmount(w.ore) : null);

  test.each([
    ['RFC 4180', RFC4180],
    ['Excel', EXCEL_SV],
  ] as Array<[string, CsvDialect]>)('%s: any text reads back as text that is no formula, and as the original behind the one added quote; numbers as numbers', (_name, dialect) => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 })), (rows) => {
        const header = rows[0]!.map((_, i) => `c${i}`);
        const document = csvDocument(header, rows.map((row) => row.map(toCell)), dialect);
        const parsed = parse(document, { delimiter: dialect.separator, bom: true }) as string[][];
        expect(parsed[0]).toEqual(header);
        expect(parsed).toHaveLength(rows.length + 1);
        rows.forEach((row, r) =>
          row.forEach((written, c) => {
            const read = parsed[r + 1]![c]!;
            switch (written.kind) {
              case 'text':
                expect(read).not.toMatch(FORMULA_START);
                expect(FORMULA_START.test(written.value) ? read.slice(1) : read).toBe(written.value);
                if (FORMULA_START.test(written.value)) expect(read[0]).toBe("'");
                break;
              case 'number':
                expect(read).toMatch(/^-?\d/);
                // + 0 turns -0 (written "0") into 0.
                expect(Number(read.replace(dialect.decimal, '.'))).toBe(written.value + 0);
                break;
              case 'amount':
                expect(read).toMatch(dialect.decimal === ',' ? /^-?\d+,\d\d$/ : /^-?\d+\.\d\d$/);
                expect(Math.round(Number(read.replace(dialect.decimal, '.')) * 100)).toBe(written.ore);
                break;
              case 'empty':
                expect(read).toBe('');
                break;
            }
          }),
        );
      }),
      { numRuns: 500 },
    );
  });
});
