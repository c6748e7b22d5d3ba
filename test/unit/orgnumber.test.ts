import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { luhnCheckDigit } from '../../src/domain/luhn.js';
import { parseOrgNumber } from '../../src/domain/orgnumber.js';
import { VENDOR_DIR } from '../helpers/cli.js';
import { formatOrgNumber, toVatNumber } from '../../src/domain/format.js';

const withCheck = (nine: string): string => `${nine}${luhnCheckDigit(nine)}`;

describe('parseOrgNumber', () => {
  test('accepts a legal entity with or without the dash or the 16 prefix, normalised to 10 digits', () => {
    const number = withCheck('556677889');
    for (const form of [number, `${number.slice(0, 6)}-${number.slice(6)}`, `16${number}`, `16${number.slice(0, 6)}-${number.slice(6)}`, ` ${number} `]) {
      expect({ form, parsed: parseOrgNumber(form) }).toEqual({ form, parsed: { ok: true, value: number, kind: 'legal_entity' } });
    }
  });

  test('the AP funds and other organisations from the personnummer test data are organisationsnummer', () => {
    const orgs = JSON.parse(readFileSync(join(VENDOR_DIR, 'testdata/personnummer-meta/orgnumber.json'), 'utf8')) as Array<{ short_format: string; separated_format: string }>;
    expect(orgs.length).toBeGreaterThan(0);
    for (const entry of orgs) {
      expect(parseOrgNumber(entry.short_format)).toEqual({ ok: true, value: entry.short_format, kind: 'legal_entity' });
      expect(parseOrgNumber(entry.separated_format)).toEqual({ ok: true, value: entry.short_format, kind: 'legal_entity' });
    }
  });

  test('a sole trader uses the 10-digit personnummer; other low third digits are refused', () => {
    expect(parseOrgNumber('121212-1212')).toEqual({ ok: true, value: '1212121212', kind: 'sole_trader' });
    // A samordningsnummer date (day + 60) counts too.
    expect(parseOrgNumber(withCheck('730288993'))).toMatchObject({ ok: true, kind: 'sole_trader' });
    // Month 13 is no birth date, and 1 is below the legal-entity range.
    expect(parseOrgNumber(withCheck('121312121'))).toEqual({ ok: false, reason: 'not_an_organisation' });
  });

  test('refusals: format and checksum', () => {
    expect(parseOrgNumber('556677-889')).toEqual({ ok: false, reason: 'format' });
    expect(parseOrgNumber('5566778899-1')).toEqual({ ok: false, reason: 'format' });
    expect(parseOrgNumber('SE556677889901')).toEqual({ ok: false, reason: 'format' });
    expect(parseOrgNumber('17' + withCheck('556677889'))).toEqual({ ok: false, reason: 'format' });
    const valid = withCheck('556677889');
    const wrong = `${valid.slice(0, 9)}${(Number(valid[9]) + 5) % 10}`;
    expect(parseOrgNumber(wrong)).toEqual({ ok: false, reason: 'checksum' });
  });

  test('property: any legal entity number is accepted exactly once per check digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2}[2-9]\d{6}$/), (nine) => {
        const accepted = [...'0123456789'].filter((check) => parseOrgNumber(`${nine}${check}`).ok);
        expect(accepted).toEqual([String(luhnCheckDigit(nine))]);
      }),
      { numRuns: 300 },
    );
  });

  test('display and VAT forms', () => {
    expect(formatOrgNumber('5566778899')).toBe('556677-8899');
    expect(toVatNumber('5566778899')).toBe('SE556677889901');
    // For people, anything not normalised is shown as given; the VAT number is for Kivra and must be right.
    expect(formatOrgNumber('556677-8899')).toBe('556677-8899');
    expect(() => toVatNumber('556677-8899')).toThrow();
  });
});
