/**
 * Where a payslip stands after every send that took it, as `payruns list` counts it and
 * `employees show` says it: the one rule for both.
 *
 * - The newest send that put it out (delivered, retained by Kivra, printed) decides: a
 *   later failed or skipped attempt does not take from the employee what they have.
 * - Else the newest that ended without putting it out (failed, skipped).
 * - Else it is not yet sent: no send took it, or one is still at it.
 */
export type PayslipOutcome = 'delivered' | 'retained' | 'printed' | 'skipped' | 'failed' | 'not_sent';

const WENT_OUT = new Set(['delivered', 'retained', 'printed']);
const ENDED = new Set(['skipped', 'failed']);

/** `states`: the outcomes of the payslip's send items, oldest first (`pending`/`sending` too). */
export function payslipOutcome(states: Iterable<string>): PayslipOutcome {
  let wentOut: PayslipOutcome | null = null;
  let ended: PayslipOutcome | null = null;
  for (const state of states) {
    if (WENT_OUT.has(state)) wentOut = state as PayslipOutcome;
    else if (ENDED.has(state)) ended = state as PayslipOutcome;
  }
  return wentOut ?? ended ?? 'not_sent';
}
