import { describe, expect, test } from 'vitest';
import { chooseChannel, type ChannelInput } from '../../src/domain/channel.js';

const fullAddress = { street: 'Lillgatan 2', postalCode: '222 33', city: 'Lund' };
const base: ChannelInput = {
  settings: { printHandling: false, retentionDays: 0 },
  employee: { kivra: true, print: false, personnummer: '191212121212', personnummerProblem: null, address: fullAddress },
  payslip: { deliveredAt: null, changedSinceDelivery: false },
  hasMailbox: true,
  resend: false,
};
const withEmployee = (e: Partial<ChannelInput['employee']>, rest: Partial<ChannelInput> = {}): ChannelInput => ({
  ...base,
  ...rest,
  employee: { ...base.employee, ...e },
});

describe('chooseChannel follows the channel rules of docs/month-end.md in order', () => {
  test('not flagged for Kivra is skipped even with a mailbox and print', () => {
    expect(chooseChannel(withEmployee({ kivra: false, print: true }, { settings: { printHandling: true, retentionDays: 390 } }))).toEqual({
      channel: 'skip',
      reason: 'not_flagged_for_kivra',
    });
  });

  test('already delivered is skipped unless --resend, and says when it changed since', () => {
    const delivered = { ...base, payslip: { deliveredAt: '2025-11-20T10:00:00Z', changedSinceDelivery: false } };
    expect(chooseChannel(delivered)).toEqual({ channel: 'skip', reason: 'already_delivered' });
    expect(chooseChannel({ ...delivered, resend: true })).toEqual({ channel: 'kivra', reason: 'has_mailbox' });
    const changed = { ...base, payslip: { deliveredAt: '2025-11-20T10:00:00Z', changedSinceDelivery: true } };
    expect(chooseChannel(changed)).toEqual({ channel: 'skip', reason: 'already_delivered', warning: 'changed_since_delivery' });
  });

  test('skip comes before fail: an unflagged employee without personnummer is skipped', () => {
    expect(chooseChannel(withEmployee({ kivra: false, personnummer: null, personnummerProblem: 'missing' })).channel).toBe('skip');
  });

  test('missing or invalid personnummer fails, whatever the mailbox', () => {
    expect(chooseChannel(withEmployee({ personnummer: null, personnummerProblem: 'missing' }))).toEqual({ channel: 'fail', reason: 'missing_personnummer' });
    expect(chooseChannel(withEmployee({ personnummer: null, personnummerProblem: 'invalid' }))).toEqual({ channel: 'fail', reason: 'invalid_personnummer' });
  });

  test('a mailbox wins over print and retain', () => {
    expect(chooseChannel(withEmployee({ print: true }, { settings: { printHandling: true, retentionDays: 390 } }))).toEqual({ channel: 'kivra', reason: 'has_mailbox' });
  });

  test('no mailbox: print when company and employee allow it and the address is complete', () => {
    const input = withEmployee({ print: true }, { hasMailbox: false, settings: { printHandling: true, retentionDays: 390 } });
    expect(chooseChannel(input)).toEqual({ channel: 'print', reason: 'print_no_mailbox' });
    expect(chooseChannel({ ...input, settings: { printHandling: false, retentionDays: 390 } }).channel).toBe('retain');
    expect(chooseChannel({ ...input, employee: { ...input.employee, print: false } }).channel).toBe('retain');
  });

  test('print-flagged with an incomplete address is retained with a warning, or skipped without retain', () => {
    const input = withEmployee({ print: true, address: { street: 'Lillgatan 2', postalCode: null, city: 'Lund' } }, {
      hasMailbox: false,
      settings: { printHandling: true, retentionDays: 30 },
    });
    expect(chooseChannel(input)).toEqual({ channel: 'retain', reason: 'retain_no_mailbox', warning: 'print_address_incomplete' });
    expect(chooseChannel({ ...input, settings: { printHandling: true, retentionDays: 0 } })).toEqual({
      channel: 'skip',
      reason: 'no_mailbox',
      warning: 'print_address_incomplete',
    });
  });

  test.each([
    [30, 'retain'],
    [390, 'retain'],
    [0, 'skip'],
  ] as const)('no mailbox, no print, retention %i days → %s', (retentionDays, channel) => {
    expect(chooseChannel({ ...base, hasMailbox: false, settings: { printHandling: false, retentionDays } }).channel).toBe(channel);
  });

  test('an unknown mailbox state is treated as no mailbox', () => {
    expect(chooseChannel({ ...base, hasMailbox: null, settings: { printHandling: false, retentionDays: 390 } }).channel).toBe('retain');
  });
});
