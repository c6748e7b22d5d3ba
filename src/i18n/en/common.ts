/** Words many areas share: channels, statuses, outcomes, environments, yes and no. */
export const common = {
  channel: { kivra: 'Kivra', print: 'print', retain: 'retain', skip: 'skip', fail: 'fail' },
  payRunStatus: { preliminary: 'preliminary', final: 'final', any: 'any status' },
  outcome: { delivered: 'delivered', retained: 'retained', printed: 'printed', skipped: 'skipped', failed: 'failed', pending: 'not yet sent', sending: 'being sent' },
  environment: { production: 'PRODUCTION', sandbox: 'sandbox', local: 'local emulator' },
  onOff: { on: 'on', off: 'off' },
  yes: 'yes',
  no: 'no',
  none: 'none',
  total: 'Total',
  /** `1 payslip`, `2 payslips`: the count itself is formatted by the caller. */
  payslips: (n: number, shown: string) => `${shown} payslip${n === 1 ? '' : 's'}`,
  employees: (n: number, shown: string) => `${shown} employee${n === 1 ? '' : 's'}`,
  /** A list read aloud: `a, b and c`. */
  andList: (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`),
};
