import { describe, expect, test } from 'vitest';
import { payslipOutcome } from '../../src/domain/payslip-outcome.js';

describe('where a payslip stands after its sends', () => {
  test.each([
    [[], 'not_sent'],
    [['pending'], 'not_sent'],
    [['sending'], 'not_sent'],
    [['failed'], 'failed'],
    [['skipped'], 'skipped'],
    [['failed', 'skipped'], 'skipped'],
    [['skipped', 'failed'], 'failed'],
    [['failed', 'delivered'], 'delivered'],
    // A later attempt that did not go out does not take from the employee what they have.
    [['delivered', 'failed'], 'delivered'],
    [['retained', 'skipped', 'pending'], 'retained'],
    [['printed', 'delivered'], 'delivered'],
    [['delivered', 'printed'], 'printed'],
  ] as const)('%j → %s', (states, outcome) => {
    expect(payslipOutcome(states)).toBe(outcome);
  });
});
