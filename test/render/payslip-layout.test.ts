import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fitText, longestFitting, wrapText } from '../../src/render/payslip-layout.js';

/**
 * Widths the way pdf-lib adds them up for our fonts: each character's advance (in font
 * units), scaled, summed, times the size. Combining marks have no advance, as in Inter.
 */
const ADVANCES: Record<string, number> = { ' ': 280, i: 250, a: 560, W: 960, Å: 700, '-': 380, '…': 820, '\u0301': 0, '\u00a0': 280 };
const SCALE = 1000 / 2048;
function widthAt(text: string, size: number): number {
  let total = 0;
  for (const character of text) total += (ADVANCES[character] ?? 600) * SCALE;
  return total * (size / 1000);
}

/**
 * Counts the calls and the characters measured (the work a real font's layout does), and
 * gives up past a budget, so a one-character-at-a-time cut fails at once instead of running
 * for minutes.
 */
function counted<A extends unknown[]>(measure: (text: string, ...rest: A) => number, budget = 1_000) {
  const tally = { calls: 0, characters: 0 };
  const wrapped = (text: string, ...rest: A): number => {
    tally.calls += 1;
    tally.characters += text.length;
    if (tally.calls > budget) throw new Error(`more than ${budget} measurements`);
    return measure(text, ...rest);
  };
  return { tally, measure: wrapped };
}

/** The implementations these replace, one character at a time: the oracle for ordinary text. */
function wrapTextOneByOne(text: string, maxWidth: number, measure: (s: string) => number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let current = '';
  const pushWord = (word: string): void => {
    let rest = word;
    while (measure(rest) > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(rest.slice(0, cut)) > maxWidth) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  };
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(candidate) <= maxWidth) {
      current = candidate;
    } else {
      if (current) lines.push(current);
      pushWord(word);
    }
  }
  if (current || lines.length === 0) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  let last = `${kept[maxLines - 1] ?? ''}…`;
  while (measure(last) > maxWidth && last.length > 1) last = `${last.slice(0, -2)}…`;
  kept[maxLines - 1] = last;
  return kept;
}

function fitOneByOne(text: string, size: number, maxWidth: number, minScale: number): { text: string; size: number } {
  const width = widthAt(text, size);
  if (width <= maxWidth) return { text, size };
  const shrunk = size * (maxWidth / width) * 0.999;
  if (shrunk >= size * minScale) return { text, size: shrunk };
  const smaller = size * minScale;
  let cut = text;
  while (cut.length > 1 && widthAt(`${cut}…`, smaller) > maxWidth) cut = cut.slice(0, -1);
  return { text: `${cut.trimEnd()}…`, size: smaller };
}

const text = (maxLength: number) => fc.string({ unit: fc.constantFrom('a', 'i', 'W', 'Å', ' ', '-', '\u0301', '\u00a0'), maxLength });

describe('longestFitting', () => {
  test('finds the last length that fits, from any boundary, or min when none does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: -5, max: 400 }), (min, span, limit) => {
        const max = min + span;
        const expected = Math.max(min, Math.min(max, limit));
        expect(longestFitting(min, max, (n) => n <= limit)).toBe(limit < min ? min : expected);
      }),
    );
  });

  test('asks O(log n) times, and never about lengths far past the answer', () => {
    const asked: number[] = [];
    expect(longestFitting(0, 1_000_000, (n) => (asked.push(n), n <= 37))).toBe(37);
    expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(38)) + 2);
    expect(Math.max(...asked)).toBeLessThanOrEqual(2 * 38);
  });
});

describe('text is cut and wrapped as it was, character by character', () => {
  test('wrapText: the same lines for any text, width and line limit', () => {
    fc.assert(
      fc.property(text(300), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 6 }), (value, maxWidth, maxLines) => {
        const measure = (s: string): number => widthAt(s, 8.5);
        expect(wrapText(value, maxWidth, measure, maxLines)).toEqual(wrapTextOneByOne(value, maxWidth, measure, maxLines));
      }),
      { numRuns: 500 },
    );
  });

  test('fitText: the same text and size for any text, width and smallest scale', () => {
    fc.assert(
      fc.property(text(200), fc.integer({ min: -5, max: 150 }), fc.double({ min: 0.5, max: 1, noNaN: true }), (value, maxWidth, minScale) => {
        expect(fitText(value, 9, maxWidth, widthAt, minScale)).toEqual(fitOneByOne(value, 9, maxWidth, minScale));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a 100,000-character text costs a few measurements, not one per character', () => {
  const huge = 'Å'.repeat(100_000);

  test('fitText cuts it with an ellipsis after O(log n) measurements of short prefixes', () => {
    const { tally, measure } = counted(widthAt);
    const fitted = fitText(huge, 11, 200, measure);
    expect(fitted.text).toMatch(/^Å+…$/);
    expect(widthAt(fitted.text, fitted.size)).toBeLessThanOrEqual(200);
    expect(widthAt(`Å${fitted.text}`, fitted.size)).toBeGreaterThan(200);
    expect(tally.calls).toBeLessThanOrEqual(30);
    // The whole text once (to see whether shrinking would do), then prefixes of a line's length.
    expect(tally.characters).toBeLessThan(huge.length + 5_000);
  });

  test.each([
    ['one word', huge, 2],
    ['words', 'Åsa '.repeat(25_000), 2],
    ['letters with combining marks', 'a\u0301'.repeat(50_000), 2],
    ['combining marks, which have no width, so all fit', `a${'\u0301'.repeat(99_999)} b`, 1],
  ])('wrapText lays out only the lines it keeps: %s', (_, value, count) => {
    const { tally, measure } = counted((s: string) => widthAt(s, 11));
    const lines = wrapText(value, 300, measure, 2);
    expect(lines).toHaveLength(count);
    if (count === 2) expect(lines[1]).toMatch(/…$/);
    for (const line of lines) expect(widthAt(line, 11)).toBeLessThanOrEqual(300);
    expect(tally.calls).toBeLessThanOrEqual(150);
    expect(tally.characters).toBeLessThan(3 * value.length);
  });
});
