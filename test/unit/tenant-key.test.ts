import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isTenantKey, tenantKeyDraft } from '../../src/domain/tenant-key.js';

const GOOD = '155748793356fa20e402ae472e51019cf723d7fe35';

describe('a tenant key while it is typed', () => {
  test('each prefix of a good key is on its way, the whole key complete', () => {
    expect(tenantKeyDraft('')).toEqual({ state: 'empty' });
    for (let n = 1; n < GOOD.length; n++) expect(tenantKeyDraft(GOOD.slice(0, n))).toEqual({ state: 'typing', length: n });
    expect(tenantKeyDraft(` ${GOOD} `)).toEqual({ state: 'complete' });
  });

  test('the first wrong character says what is wrong', () => {
    expect(tenantKeyDraft('15574x')).toEqual({ state: 'wrong', problem: 'time_digits' });
    expect(tenantKeyDraft('1557487933F')).toEqual({ state: 'wrong', problem: 'uppercase' });
    expect(tenantKeyDraft('155748793356fa2g')).toEqual({ state: 'wrong', problem: 'hex' });
    expect(tenantKeyDraft(`${GOOD}0`)).toEqual({ state: 'wrong', problem: 'too_long' });
  });

  test('complete exactly when the key is accepted', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefABx '), maxLength: 45 }), (typed) => {
        expect(tenantKeyDraft(typed).state === 'complete').toBe(isTenantKey(typed.trim()));
      }),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^\d{10}[0-9a-f]{32}$/), (key) => {
        expect(tenantKeyDraft(key)).toEqual({ state: 'complete' });
      }),
    );
  });
});
