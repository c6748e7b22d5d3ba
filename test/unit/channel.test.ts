import { describe, expect, test } from 'vitest';
import { chooseChannel, replanWithoutMailbox, type ChannelInput } from '../../src/domain/channel.js';

const fullAddress = { street: 'Lillgatan 2', postalCode: '222 33', city: 'Lund' };
const base: ChannelInput = {
  settings: { printHandling: false, retentionDays: 0 },
  employee: { kivra: true, print: false, personnummer: '191212121212', personnummerProblem: null, address: fullAddress },
  delivery: { kind: 'not_delivered' },
  duplicatePersonnummer: false,
  hasMailbox: true,
  resend: false,
  changed: false,
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

  test('already delivered is skipped unless --resend, which says it is sent again', () => {
    const delivered: ChannelInput = { ...base, delivery: { kind: 'delivered', deliveredAt: '2025-11-20T10:00:00Z' } };
    expect(chooseChannel(delivered)).toEqual({ channel: 'skip', reason: 'already_delivered' });
    expect(chooseChannel({ ...delivered, resend: true })).toEqual({ channel: 'kivra', reason: 'has_mailbox', note: 'resend' });
    // --changed never takes an unchanged delivered payslip.
    expect(chooseChannel({ ...delivered, changed: true })).toEqual({ channel: 'skip', reason: 'already_delivered' });
  });

  test('changed since delivery: a plain send leaves it; --changed (or --resend) sends it as a correction', () => {
    const changed: ChannelInput = { ...base, delivery: { kind: 'changed', deliveredAt: '2025-11-20T10:00:00Z' } };
    expect(chooseChannel(changed)).toEqual({ channel: 'skip', reason: 'changed_since_delivery' });
    expect(chooseChannel({ ...changed, changed: true })).toEqual({ channel: 'kivra', reason: 'has_mailbox', note: 'correction' });
    expect(chooseChannel({ ...changed, resend: true })).toEqual({ channel: 'kivra', reason: 'has_mailbox', note: 'correction' });
    // A correction follows the channel rules like any payslip: no mailbox now means print.
    const printed = { ...changed, changed: true, hasMailbox: false, settings: { printHandling: true, retentionDays: 0 as const }, employee: { ...base.employee, print: true } };
    expect(chooseChannel(printed)).toEqual({ channel: 'print', reason: 'print_no_mailbox', note: 'correction' });
  });

  test('a delivered preliminary payslip never stands for the final one: the final is sent, noted', () => {
    const input: ChannelInput = { ...base, delivery: { kind: 'final_after_preliminary', deliveredAt: '2025-11-20T10:00:00Z' } };
    expect(chooseChannel(input)).toEqual({ channel: 'kivra', reason: 'has_mailbox', note: 'final_after_preliminary' });
  });

  test('two employees with one personnummer: fails, whatever the mailbox, and after the personnummer checks', () => {
    expect(chooseChannel({ ...base, duplicatePersonnummer: true })).toEqual({ channel: 'fail', reason: 'duplicate_personnummer' });
    expect(chooseChannel(withEmployee({ kivra: false }, { duplicatePersonnummer: true }))).toEqual({ channel: 'skip', reason: 'not_flagged_for_kivra' });
    const delivered: ChannelInput = { ...base, duplicatePersonnummer: true, delivery: { kind: 'delivered', deliveredAt: '2025-11-20T10:00:00Z' } };
    expect(chooseChannel(delivered)).toEqual({ channel: 'skip', reason: 'already_delivered' });
  });

  test('Kivra refuses the recipient at send time: print when allowed, else it fails', () => {
    const printable = { settings: { printHandling: true, retentionDays: 390 as const }, employee: { ...base.employee, print: true } };
    expect(replanWithoutMailbox(printable)).toEqual({ channel: 'print', reason: 'mailbox_closed_print' });
    expect(replanWithoutMailbox({ ...printable, employee: { ...printable.employee, address: { street: null, postalCode: null, city: null } } })).toEqual({ channel: 'fail', reason: 'mailbox_closed' });
    expect(replanWithoutMailbox({ ...printable, settings: { printHandling: false, retentionDays: 390 } })).toEqual({ channel: 'fail', reason: 'mailbox_closed' });
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
