import { describe, expect, test } from 'vitest';
import { matchEmployeeKeys, resolvePayoutDate, selectPayRuns } from '../../src/domain/selection.js';

const runs = [
  { key: '2025-10', payoutDate: '2025-10-24', status: 'final' as const },
  { key: '2025-11', payoutDate: '2025-11-25', status: 'final' as const },
  { key: '2025-11x', payoutDate: '2025-11-25', status: 'preliminary' as const },
  { key: '2025-12', payoutDate: '2025-12-23', status: 'preliminary' as const },
];

describe('resolvePayoutDate', () => {
  test('an explicit date and today pass through', () => {
    expect(resolvePayoutDate('2025-11-25', 'final', runs, '2026-01-01')).toBe('2025-11-25');
    expect(resolvePayoutDate('today', 'final', runs, '2025-11-25')).toBe('2025-11-25');
  });
  test('latest is the newest payout date with a matching status', () => {
    expect(resolvePayoutDate('latest', 'final', runs, '2026-01-01')).toBe('2025-11-25');
    expect(resolvePayoutDate('latest', 'preliminary', runs, '2026-01-01')).toBe('2025-12-23');
    expect(resolvePayoutDate('latest', 'any', runs, '2026-01-01')).toBe('2025-12-23');
    expect(resolvePayoutDate('latest', 'final', [], '2026-01-01')).toBeNull();
  });
});

describe('selectPayRuns', () => {
  test('final by default, preliminary, or any status on the date', () => {
    expect(selectPayRuns(runs, '2025-11-25', 'final').map((r) => r.key)).toEqual(['2025-11']);
    expect(selectPayRuns(runs, '2025-11-25', 'preliminary').map((r) => r.key)).toEqual(['2025-11x']);
    expect(selectPayRuns(runs, '2025-11-25', 'any').map((r) => r.key)).toEqual(['2025-11', '2025-11x']);
    expect(selectPayRuns(runs, '2025-10-24', 'preliminary')).toEqual([]);
  });
});

describe('matchEmployeeKeys', () => {
  const employees = [
    { employeeNumber: '1001', personnummer: '191212121212' },
    { employeeNumber: '1002', personnummer: null },
  ];
  test('matches numbers and normalised personnummer, and lists unknown keys', () => {
    const { selected, unknown } = matchEmployeeKeys(employees, [
      { raw: '1002', personnummer: undefined },
      { raw: '121212-1212', personnummer: '191212121212' },
      { raw: '4711', personnummer: undefined },
    ]);
    expect([...selected].map((e) => e.employeeNumber).sort()).toEqual(['1001', '1002']);
    expect(unknown).toEqual(['4711']);
  });
});
