import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { findHiddenCharacter, HIDDEN_CHARACTER_RANGES } from '../../src/domain/text.js';
import { printable } from '../../src/ui/printable.js';

const HIDDEN = HIDDEN_CHARACTER_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, index) => from + index));

describe('printable', () => {
  test('shows controls and invisible formatting characters as escapes', () => {
    expect(printable('Åsa\u001b[2J\u0007')).toBe('Åsa\\x1b[2J\\x07');
    expect(printable('a\tb\nc\rd')).toBe('a\\tb\\nc\\rd');
    expect(printable('\u009b31m\u007f')).toBe('\\x9b31m\\x7f');
    expect(printable('\u202eredaeh\u2066\u200b\ufeff')).toBe('\\u202eredaeh\\u2066\\u200b\\ufeff');
  });

  test('leaves everything else as it is, backslashes and emoji included', () => {
    expect(printable('C:\\Lön\\ 😀 Ekström')).toBe('C:\\Lön\\ 😀 Ekström');
  });

  test('its output never holds a hidden character, and text without one comes back unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.oneof(fc.constantFrom(...HIDDEN.map((code) => String.fromCharCode(code))), fc.constantFrom('a', 'ö', '😀', '\\', ' ', 'x1b')), maxLength: 50 }), (text) => {
        const shown = printable(text);
        expect(findHiddenCharacter(shown)).toBe(-1);
        if (findHiddenCharacter(text) === -1) expect(shown).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });
});
