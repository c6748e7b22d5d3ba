import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import type { Payslip, PayslipFigures } from '../../src/domain/types.js';
import { payslipContentHash } from '../../src/store/payroll.js';
import { line, payslip as fixturePayslip } from '../render/documents.js';

/**
 * Databases keep a hash of every payslip's content, and a re-import compares against it
 * to tell a corrected payslip from an unchanged one. Were the hash's input to change, the
 * first sync after an upgrade would call every payslip corrected, and every delivered one
 * "changed since delivery". So it is pinned here, in the form it was first written.
 */
const firstForm = (p: PayslipFigures): string =>
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

/** The fixtures' payslip with two lines: one with every field, one with quotes, a backslash and a dash in its text and nothing optional. */
const payslip = (overrides: Partial<Payslip> = {}): Payslip =>
  fixturePayslip({
    lines: [
      line({ code: '011', text: 'Månadslön', kind: 'gross', quantity: '1', unit: 'mån', rateOre: 3_250_000, amountOre: 3_250_000 }),
      line({ code: null, text: 'Fackavgift – "lokal" \\ avd.', kind: 'net', quantity: null, unit: null, rateOre: null, amountOre: -24_950 }),
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
