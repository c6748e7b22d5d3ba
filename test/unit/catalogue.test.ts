import { describe, expect, test } from 'vitest';
import { catalogues } from '../../src/i18n/catalogue.js';
import { chooseLanguage, unknownLanguage } from '../../src/i18n/language.js';

type Tree = { [key: string]: unknown };

/** Every leaf of a catalogue: its path, and whether it is a text or a function (with its arity). */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'function') found.set(path, `function/${value.length}`);
    else if (typeof value === 'string') found.set(path, 'text');
    else if (value !== null && typeof value === 'object') for (const [p, kind] of leaves(value as Tree, path)) found.set(p, kind);
    else found.set(path, typeof value);
  }
  return found;
}

function textAt(tree: Tree, path: string): string {
  return path.split('.').reduce<unknown>((node, key) => (node as Tree)[key], tree) as string;
}

/**
 * Texts that are the same word in both languages (names, symbols), said once here so a
 * Swedish text copied from the English one by mistake is still caught.
 */
const SAME_IN_BOTH = new Set([
  'common.channel.kivra',
  'cli.invalidOption',
  'wizard.orgNumber',
  'import.unknownLine',
  'log.head.status',
  'log.excelHead.personnummer',
  'audit.flag.kivra',
  'employees.head.kivra',
  'employees.flag.kivra',
  'employees.label.kivra',
  'employees.payslipsHead.status',
  'payruns.head.status',
  'select.column.personnummer',
  'select.column.status',
  'select.samordningsnummer',
]);

describe('the message catalogue', () => {
  const { en, sv } = catalogues();
  const english = leaves(en as unknown as Tree);
  const swedish = leaves(sv as unknown as Tree);

  test('neither language misses a key the other has', () => {
    expect([...english.keys()].filter((k) => !swedish.has(k))).toEqual([]);
    expect([...swedish.keys()].filter((k) => !english.has(k))).toEqual([]);
  });

  test('every key is the same kind in both: a text, or a function taking as many values', () => {
    const differing = [...english].filter(([key, kind]) => swedish.get(key) !== kind).map(([key, kind]) => `${key}: en ${kind}, sv ${swedish.get(key)}`);
    expect(differing).toEqual([]);
  });

  test('no text is empty, and no Swedish text is the English one left untranslated', () => {
    const texts = [...english].filter(([, kind]) => kind === 'text').map(([key]) => key);
    expect(texts.filter((key) => textAt(en as unknown as Tree, key).trim() === '' || textAt(sv as unknown as Tree, key).trim() === '')).toEqual([]);
    // A command line is the same in both languages.
    const command = (key: string): boolean => textAt(en as unknown as Tree, key).startsWith('payslips ');
    expect(texts.filter((key) => !SAME_IN_BOTH.has(key) && !command(key) && textAt(en as unknown as Tree, key) === textAt(sv as unknown as Tree, key))).toEqual([]);
  });

  test('the check sees a missing key (so the first test can fail)', () => {
    const cut = leaves({ ...(sv as unknown as Tree), common: {} });
    expect([...english.keys()].some((k) => !cut.has(k))).toBe(true);
  });
});

describe('the language of a run', () => {
  test('--lang wins over PAYSLIPS_LANG, which wins over the locale', () => {
    expect(chooseLanguage('en', { PAYSLIPS_LANG: 'sv', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { PAYSLIPS_LANG: 'sv', LANG: 'en_US.UTF-8' })).toBe('sv');
    expect(chooseLanguage(undefined, { PAYSLIPS_LANG: 'EN', LANG: 'sv_SE.UTF-8' })).toBe('en');
  });

  test('the locale is read in POSIX order: LC_ALL, LC_MESSAGES, LANG', () => {
    expect(chooseLanguage(undefined, { LANG: 'sv_SE.UTF-8' })).toBe('sv');
    expect(chooseLanguage(undefined, { LANG: 'sv' })).toBe('sv');
    expect(chooseLanguage(undefined, { LANG: 'sv_FI@euro' })).toBe('sv');
    expect(chooseLanguage(undefined, { LC_ALL: 'C', LANG: 'sv_SE.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { LC_MESSAGES: 'sv_SE.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('sv');
    expect(chooseLanguage(undefined, { LANG: 'svx' })).toBe('en');
    expect(chooseLanguage(undefined, {})).toBe('en');
  });

  test('an explicit language we do not speak is named; an unknown locale is not', () => {
    expect(unknownLanguage('de', {})).toBe('de');
    expect(unknownLanguage(undefined, { PAYSLIPS_LANG: 'fi' })).toBe('fi');
    expect(unknownLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBeNull();
    expect(unknownLanguage('SV', {})).toBeNull();
  });
});
