import { describe, expect, test } from 'vitest';
import { grantRights, mayDo, RIGHTS, ROLES, rolesWith, withholdProblem, type Grant } from '../../src/domain/roles.js';
import { DEFAULT_SETTINGS, diffFields, sendBlockers } from '../../src/domain/settings.js';
import type { Company } from '../../src/domain/types.js';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { blockerFix, blockerMessage } from '../../src/i18n/readiness.js';

describe('roles', () => {
  const everywhere = (role: Grant['role'], without: Grant['without'] = []): Grant => ({ companyId: null, role, without });
  const at = (companyId: number, role: Grant['role'], without: Grant['without'] = []): Grant => ({ companyId, role, without });

  test.each([
    ['admin', ['read', 'sync', 'kivra-flag', 'print-flag', 'send', 'settings', 'users']],
    ['payroll', ['read', 'sync', 'kivra-flag', 'print-flag', 'send']],
    ['viewer', ['read']],
  ] as const)('%s for every company may %j and nothing else', (role, allowed) => {
    expect(grantRights(everywhere(role))).toEqual(allowed);
    for (const right of RIGHTS) expect(mayDo([everywhere(role)], right, { companyId: 7 })).toBe((allowed as readonly string[]).includes(right));
  });

  test("a company's own role holds there instead of the one for every company; elsewhere the one for every company", () => {
    const grants = [everywhere('viewer'), at(1, 'payroll', ['send'])];
    expect(mayDo(grants, 'kivra-flag', { companyId: 1 })).toBe(true);
    expect(mayDo(grants, 'send', { companyId: 1 })).toBe(false);
    expect(mayDo(grants, 'kivra-flag', { companyId: 2 })).toBe(false);
    expect(mayDo(grants, 'read', { companyId: 2 })).toBe(true);
    // A lesser role for one company takes rights away there.
    expect(mayDo([everywhere('payroll'), at(1, 'viewer')], 'send', { companyId: 1 })).toBe(false);
    // No role for every company: nothing elsewhere, nor for a company not created yet.
    expect(mayDo([at(1, 'admin')], 'read', { companyId: 2 })).toBe(false);
    expect(mayDo([at(1, 'admin')], 'settings', 'new_company')).toBe(false);
    expect(mayDo([at(1, 'admin')], 'settings', 'some_company')).toBe(true);
  });

  test('managing operators comes only with a role for every company', () => {
    expect(grantRights(at(1, 'admin'))).not.toContain('users');
    expect(mayDo([at(1, 'admin')], 'users', { companyId: 1 })).toBe(false);
    expect(mayDo([everywhere('admin', ['users'])], 'users', 'every_company')).toBe(false);
    expect(mayDo([everywhere('admin')], 'users', { companyId: 1 })).toBe(true);
  });

  test('every company means the role for every company and each company role', () => {
    expect(mayDo([everywhere('payroll')], 'send', 'every_company')).toBe(true);
    expect(mayDo([everywhere('payroll'), at(3, 'payroll', ['send'])], 'send', 'every_company')).toBe(false);
  });

  test('what may be withheld: not read, only rights of the role, not users for a company', () => {
    expect(withholdProblem('payroll', 'send', true)).toBeNull();
    expect(withholdProblem('payroll', 'read', false)).toBe('read');
    expect(withholdProblem('viewer', 'send', false)).toBe('not_in_role');
    expect(withholdProblem('admin', 'users', true)).toBe('users_per_company');
    expect(withholdProblem('admin', 'users', false)).toBeNull();
  });

  test('rolesWith lists roles from most to least privileged', () => {
    expect(rolesWith('send')).toEqual(['admin', 'payroll']);
    expect(rolesWith('read')).toEqual([...ROLES]);
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
