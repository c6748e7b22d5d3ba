import { describe, expect, test } from 'vitest';
import { roleAllows, rolesAllowing, ROLES, PERMISSIONS } from '../../src/domain/roles.js';
import { DEFAULT_SETTINGS, diffFields, sendBlockers } from '../../src/domain/settings.js';
import type { Company } from '../../src/domain/types.js';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { blockerFix, blockerMessage } from '../../src/i18n/readiness.js';

describe('roles', () => {
  test.each([
    ['admin', ['read', 'flags', 'sync', 'send', 'settings', 'users']],
    ['payroll', ['read', 'flags', 'sync', 'send']],
    ['viewer', ['read']],
  ] as const)('%s may %j and nothing else', (role, allowed) => {
    for (const permission of PERMISSIONS) expect(roleAllows(role, permission)).toBe((allowed as readonly string[]).includes(permission));
  });

  test('rolesAllowing lists roles from most to least privileged', () => {
    expect(rolesAllowing('send')).toEqual(['admin', 'payroll']);
    expect(rolesAllowing('read')).toEqual([...ROLES]);
  });
});

describe('sendBlockers', () => {
  const company = (settings: Partial<Company['settings']>, details: Partial<Pick<Company, 'address' | 'email' | 'phone'>> = {}): Company => ({
    id: 1,
    orgNumber: '5566778899',
    name: 'X',
    address: { street: 'Kvarngatan 14', postalCode: '222 21', city: 'Lund' },
    email: 'lon@x.example',
    phone: '046-12 34 56',
    ...details,
    settings: { ...DEFAULT_SETTINGS, ...settings },
  });

  test('a fresh company lists every step in order', () => {
    expect(sendBlockers(company({ environment: 'production' }), false).map((b) => b.code)).toEqual([
      'licence_off',
      'link_inactive',
      'send_payslips_off',
      'tenant_key_missing',
      'credentials_missing',
    ]);
  });

  test("a salaryslip needs the employer's address, e-mail and phone: none is ever made up", () => {
    const ready = { licence: true, active: true, sendPayslips: true };
    const [blocker, ...rest] = sendBlockers(company(ready, { email: null, phone: 'ring oss', address: { street: 'Kvarngatan 14', postalCode: null, city: 'Lund' } }), false);
    expect(rest).toEqual([]);
    expect(blocker).toEqual({ code: 'employer_details_missing', missing: ['postal_code', 'email', 'phone'] });
    // Said in the run's language (English here, the default), with the options that add them.
    useLanguage('en');
    expect(blockerMessage(blocker!)).toBe("the employer's postal code, e-mail address and telephone number are missing, and Kivra's salaryslip requires them");
    expect(blockerFix(blocker!)).toMatch(/^payslips activate --postal-code <postal code> --email <e-mail address> --phone <telephone number>/);
    // letter.salary sends only the PDF.
    expect(sendBlockers(company({ ...ready, contentType: 'letter.salary' }, { email: null, phone: null }), false)).toEqual([]);
  });

  test('the local emulator needs no tenant key or credentials', () => {
    expect(sendBlockers(company({ licence: true, active: true, sendPayslips: true }), false)).toEqual([]);
  });

  test('production with everything set is ready', () => {
    expect(sendBlockers(company({ licence: true, active: true, sendPayslips: true, environment: 'production', tenantKey: 'k' }), true)).toEqual([]);
  });
});

test('diffFields reports changed fields only', () => {
  expect(diffFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null })).toEqual([{ field: 'b', from: 'x', to: 'y' }]);
});
