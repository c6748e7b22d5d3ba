import { afterEach, describe, expect, test } from 'vitest';
import type { Context } from '../../src/context.js';
import { useLanguage } from '../../src/i18n/catalogue.js';
import { describeAuditEntry } from '../../src/ui/views/audit.js';
import { excelPersonnummer } from '../../src/workflows/job-log.js';

afterEach(() => useLanguage('en'));

const ctx = { showPersonnummer: false, now: () => new Date('2026-01-15T12:00:00Z') } as unknown as Context;

describe('the --excel CSV keeps a personnummer as text', () => {
  test('a valid one with a hyphen before the last four; an entered one of bare digits too, its digits unchanged', () => {
    expect(excelPersonnummer('198005112381', null)).toBe('19800511-2381');
    expect(excelPersonnummer(null, '8203052398')).toBe('820305-2398');
    expect(excelPersonnummer(null, '0202202388')).toBe('020220-2388');
    expect(excelPersonnummer(null, '19820305-2398')).toBe('19820305-2398');
    expect(excelPersonnummer(null, '1234')).toBe('1234');
    expect(excelPersonnummer(null, null)).toBeNull();
  });
});

describe('an audit entry of an action this version has no sentence for', () => {
  const entry = {
    id: 9,
    at: '2026-01-15T12:00:00.000Z',
    operator: 'anna',
    companyOrgNumber: null,
    action: 'operator.companies',
    details: { name: 'bo', grantedCompanies: ['5566778899', '5560360793'], canSend: false, limits: { maxPerDay: 3 } },
  };

  test('reads as field names in words and values, never as JSON', () => {
    const text = describeAuditEntry(ctx, entry);
    expect(text).toBe('name bo; granted companies 5566778899, 5560360793; can send no; limits max per day 3');
    useLanguage('sv');
    expect(describeAuditEntry(ctx, entry)).toContain('can send nej');
  });
});

describe('a role given with rights withheld', () => {
  const entry = {
    id: 10,
    at: '2026-01-15T12:00:00.000Z',
    operator: 'anna',
    companyOrgNumber: '5560360793',
    action: 'operator.role',
    details: { name: 'eva', from: 'payroll', to: 'payroll', without: ['send', 'print-flag'], previouslyWithout: ['send'] },
  };

  test('names what was withheld before and after, in the run\'s language', () => {
    expect(describeAuditEntry(ctx, entry)).toBe('eva: payroll administrator without send → payroll administrator without send and print flag');
    useLanguage('sv');
    const sv = describeAuditEntry(ctx, entry);
    expect(sv).toMatch(/^eva: lönehandläggare utan .+ → lönehandläggare utan .+ och .+$/);
  });
});
