import { expect, test } from 'vitest';
import { formatAmount, formatDecimal, formatMoney, toKivraDecimal } from '../../src/domain/format.js';

test('amounts on the payslip are Swedish: no-break space between thousands, decimal comma', () => {
  expect(formatMoney(3_200_000)).toBe('32\u00a0000,00');
  expect(formatMoney(-15_050)).toBe('-150,50');
  expect(formatMoney(5)).toBe('0,05');
  expect(formatMoney(0)).toBe('0,00');
  expect(formatMoney(98_765_432_100)).toBe('987\u00a0654\u00a0321,00');
});

test('amounts to Kivra use its Amount pattern, never -0.00', () => {
  expect(formatAmount(3_200_000)).toBe('32000.00');
  expect(formatAmount(-15_050)).toBe('-150.50');
  expect(formatAmount(-0)).toBe('0.00');
});

test('quantities and days: decimal comma on paper, at most two decimals to Kivra', () => {
  expect(formatDecimal('8.5')).toBe('8,5');
  expect(formatDecimal('22.00')).toBe('22');
  expect(formatDecimal('ca 3')).toBe('ca 3');
  expect(toKivraDecimal('12,5')).toBe('12.5');
  expect(toKivraDecimal('1.125')).toBeNull();
});
