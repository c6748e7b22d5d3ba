import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { lazyArray, writeJsonDocument } from '../../src/ui/json-document.js';

async function written(value: unknown): Promise<{ text: string; pieces: string[] }> {
  const pieces: string[] = [];
  await writeJsonDocument(value, async (piece) => {
    pieces.push(piece);
  });
  return { text: pieces.join(''), pieces };
}

/** The same value with some of its objects' array members made lazy. */
function withLazyArrays(value: unknown, pick: () => boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => withLazyArrays(v, () => false));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, member]) => [key, Array.isArray(member) && pick() ? lazyArray(() => member) : withLazyArrays(member, pick)]),
  );
}

describe('a --json document written in pieces', () => {
  test('is exactly what JSON.stringify(value, null, 2) prints, with or without lazy arrays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), fc.infiniteStream(fc.boolean()), async (value, coins) => {
        const expected = `${JSON.stringify(value, null, 2)}\n`;
        expect((await written(value)).text).toBe(expected);
        const iterator = coins[Symbol.iterator]();
        expect((await written(withLazyArrays(value, () => iterator.next().value as boolean))).text).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  test('the shape of a send result: a lazy list of payslips among ordinary members', async () => {
    const items = [{ employeeNumber: '1001', name: 'Åsa Öberg', outcome: 'delivered', attempts: 1, errorCode: null }];
    const result = { jobId: 7, status: 'succeeded', totals: { delivered: 1 }, printBatch: null, items: lazyArray(() => items), error: undefined };
    expect((await written(result)).text).toBe(`${JSON.stringify({ ...result, items }, null, 2)}\n`);
    expect((await written({ items: lazyArray(() => []) })).text).toBe('{\n  "items": []\n}\n');
  });

  test('produces the elements only as it writes them, and hands text on in bounded pieces', async () => {
    let produced = 0;
    const row = { employeeNumber: '1001', name: 'Åsa Öberg', outcome: 'delivered', errorMessage: 'x'.repeat(200) };
    const rows = function* (): Iterable<typeof row> {
      for (let i = 0; i < 20_000; i += 1) {
        produced += 1;
        yield row;
      }
    };
    const seenAtWrite: number[] = [];
    const pieces: string[] = [];
    await writeJsonDocument({ items: lazyArray(rows) }, async (piece) => {
      seenAtWrite.push(produced);
      pieces.push(piece);
    });
    expect(pieces.length).toBeGreaterThan(50);
    // Each piece is written long before the last row is made.
    expect(seenAtWrite[0]).toBeLessThan(1_000);
    for (const piece of pieces) expect(piece.length).toBeLessThan(70 * 1024);
    expect(JSON.parse(pieces.join('')).items).toHaveLength(20_000);
  });
});
