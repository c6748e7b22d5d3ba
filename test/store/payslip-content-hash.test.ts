import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { ImportedPayslip } from '../../src/import/types.js';
import { payslipContentHash } from '../../src/store/payroll.js';

/**
 * Databases keep a hash of every payslip's content, and a re-import compares against it
 * to tell a corrected payslip from an unchanged one. Were the hash's input to change, the
 * first sync after an upgrade would call every payslip corrected, and every delivered one
 * "changed since delivery". So it is pinned here, in the form it was first written.
 */
const firstForm = (p: ImportedPayslip): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        p.grossPayOre,
        p.taxOre,
        p.netPayOre,
        p.taxTable,
        p.vacation.daysRemaining,
        p.vacation.daysUsed,
        p.ytd.grossPayOre,
        p.ytd.taxOre,
        p.lines.map((l) => [l.code, l.text, l.kind, l.quantity, l.unit, l.rateOre, l.amountOre]),
      ]),
    )
    .digest('hex');

const payslip = (overrides: Partial<ImportedPayslip> = {}): ImportedPayslip => ({
  employeeNumber: '1001',
  grossPayOre: 3_250_000,
  taxOre: 975_000,
  netPayOre: 2_250_050,
  taxTable: '33',
  vacation: { daysRemaining: '22', daysUsed: '2.5' },
  ytd: { grossPayOre: 35_750_000, taxOre: 10_725_000 },
  lines: [
    { code: '011', text: 'Månadslön', kind: 'gross', quantity: '1', unit: 'mån', rateOre: 3_250_000, amountOre: 3_250_000 },
    { code: null, text: 'Fackavgift – "lokal" \\ avd.', kind: 'net', quantity: null, unit: null, rateOre: null, amountOre: -24_950 },
  ],
  ...overrides,
});

describe('payslipContentHash', () => {
  test.each([
    ['a payslip with lines', payslip()],
    ['no lines', payslip({ lines: [] })],
    ['nothing optional', payslip({ taxTable: null, vacation: { daysRemaining: null, daysUsed: null }, ytd: { grossPayOre: null, taxOre: null } })],
  ])('is the hash first stored: %s', (_, p) => {
    expect(payslipContentHash(p)).toBe(firstForm(p));
  });

  test('tells apart payslips that differ in one line', () => {
    const corrected = payslip();
    corrected.lines[1] = { ...corrected.lines[1]!, amountOre: -24_951 };
    expect(payslipContentHash(corrected)).not.toBe(payslipContentHash(payslip()));
  });
});
