import { afterEach, describe, expect, test } from 'vitest';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { count, localDate, localTime, money, useTimeZone } from '../../src/i18n/locale.js';
import { chooseTimeZone } from '../../src/i18n/time-zone.js';

const NBSP = '\u00a0';

afterEach(() => {
  useLanguage('en');
  useTimeZone('Europe/Stockholm');
});

describe('money for people', () => {
  test('Swedish: space-grouped kronor, comma, öre, kr', () => {
    useLanguage('sv');
    expect(money(26944320)).toBe(`269${NBSP}443,20${NBSP}kr`);
    expect(money(-15050)).toBe(`-150,50${NBSP}kr`);
    expect(money(0)).toBe(`0,00${NBSP}kr`);
  });

  test('English: SEK, comma-grouped, decimal point', () => {
    useLanguage('en');
    expect(money(26944320)).toBe(`SEK${NBSP}269,443.20`);
    expect(money(123456789012)).toBe(`SEK${NBSP}1,234,567,890.12`);
    expect(money(-5)).toBe(`SEK${NBSP}-0.05`);
  });

  test('counts are grouped the same way', () => {
    useLanguage('sv');
    expect(count(12345)).toBe(`12${NBSP}345`);
    useLanguage('en');
    expect(count(12345)).toBe('12,345');
    expect(count(999)).toBe('999');
  });
});

describe('times for people', () => {
  test('Stockholm local time with its zone, winter and summer', () => {
    expect(localTime('2025-11-25T05:00:00.000Z')).toBe('2025-11-25 06:00 CET');
    expect(localTime('2025-07-25T05:00:00Z')).toBe('2025-07-25 07:00 CEST');
  });

  test('the local day, not the UTC one', () => {
    expect(localDate('2025-11-24T23:30:00Z')).toBe('2025-11-25');
  });

  test('TZ picks the zone; unset or unknown is Stockholm', () => {
    expect(chooseTimeZone({})).toBe('Europe/Stockholm');
    expect(chooseTimeZone({ TZ: 'Nowhere/Atlantis' })).toBe('Europe/Stockholm');
    expect(chooseTimeZone({ TZ: ':UTC' })).toBe('UTC');
    useTimeZone(chooseTimeZone({ TZ: 'UTC' }));
    expect(localTime('2025-11-25T05:00:00Z')).toBe('2025-11-25 05:00 UTC');
    useTimeZone('America/New_York');
    expect(localTime('2025-11-25T05:00:00Z')).toBe('2025-11-25 00:00 GMT-5');
  });

  test('text that is not a time is shown as given', () => {
    expect(localTime('never')).toBe('never');
  });
});
