import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dropLocalTemplate, fixtureNetPay, kronorSv, localMonthEnd, PLANNED_CHANNELS, readPayroll, SSN, writePayroll, type MonthEnd } from '../helpers/month-end.js';

/**
 * `select`: what a send with the same options would do, without sending. One synced
 * sandbox for the file; the test that sends runs last.
 */

let sb: MonthEnd;
beforeAll(async () => {
  sb = await localMonthEnd();
});
afterAll(() => {
  sb?.cleanup();
  dropLocalTemplate();
});

type Row = Record<string, any>;
const channels = (items: Row[]) => Object.fromEntries(items.map((i) => [i.employeeNumber, i.channel]));

describe('select', () => {
  test('the latest final pay run: each payslip with its channel and reason, totals per channel', async () => {
    const r = await sb.run(['select', '--date', 'latest', '--json']);
    expect(r.exitCode).toBe(0);
    const out = sb.json(r);
    expect(out).toMatchObject({ payoutDate: '2025-11-25', status: 'final', resend: false, payRuns: [{ payRun: '2025-11', status: 'final' }] });
    expect(Object.keys(out.payRuns[0]).sort()).toEqual(['payRun', 'payoutDate', 'periodEnd', 'periodStart', 'status']);
    expect(channels(out.items)).toEqual(PLANNED_CHANNELS);
    expect(out.totals).toMatchObject({ kivra: 3, print: 2, retain: 2, skip: 1, fail: 2 });
    const byNumber = new Map<string, Row>(out.items.map((i: Row) => [i.employeeNumber, i]));
    expect(byNumber.get('1001')).toMatchObject({ reason: 'has_mailbox', personnummer: SSN['1001'], payslipStatus: 'final' });
    expect(byNumber.get('1003')).toMatchObject({ reason: 'print_no_mailbox' });
    expect(byNumber.get('1007')).toMatchObject({ reason: 'retain_no_mailbox', warning: 'print_address_incomplete' });
    expect(byNumber.get('1008')).toMatchObject({ reason: 'missing_personnummer' });
    expect(byNumber.get('1009')).toMatchObject({ reason: 'invalid_personnummer' });
    expect(byNumber.get('1010')).toMatchObject({ reason: 'not_flagged_for_kivra' });
  });

  test('human output: a table with masked personnummer on stdout, then the totals', async () => {
    const r = await sb.run(['select', '--date', '2025-11-25']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^No\.\s+Name\s+Personnummer\s+Pay run\s+Status\s+Channel\s+Reason/);
    expect(out).toMatch(/1003\s+Linnéa Bäckström\s+19730288-\*\*\*\*\s+2025-11\s+final\s+print\s+no mailbox; print handling/);
    expect(out).toContain('print-flagged but the address is incomplete');
    expect(out).not.toContain(SSN['1003']);
    expect(out).toContain('10 payslips for payout date 2025-11-25 (final); a send would do:');
    expect(out).toMatch(/^ {2}Channel\s+Payslips\s+Net pay\n {2}Kivra\s+3\s+SEK\u00a0[\d,]+\.\d\d\n/m);
    expect(out).toMatch(/^ {2}Total\s+10\s+SEK\u00a0[\d,]+\.\d\d$/m);
    expect((await sb.run(['select', '--date', '2025-11-25', '--show-personnummer'])).stdout).toContain('19730288-9931');
  });

  test('Swedish: the table, and count and net pay per channel summing to the pay run in the export', async () => {
    const net = fixtureNetPay('2025-11');
    const sum = (channel?: string): number =>
      [...net].filter(([number]) => channel === undefined || PLANNED_CHANNELS[number] === channel).reduce((total, [, amount]) => total + amount, 0);
    const r = await sb.run(['select', '--date', '2025-11-25', '--lang', 'sv']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^Anst\.nr\s+Namn\s+Personnummer\s+Lönekörning\s+Status\s+Kanal\s+Orsak/);
    expect(out).toMatch(/1003\s+Linnéa Bäckström\s+19730288-\*{4}\s+2025-11\s+definitiv\s+utskrift\s+ingen brevlåda; printhantering \(samordningsnummer\)/);
    expect(out).toMatch(/1009\s+Örjan Ågren\s+—\s+2025-11\s+definitiv\s+kan inte skickas\s+personnumret "19820305-\*{4}" är ogiltigt: kontrollsiffran är fel/);
    expect(out).toContain('10 lönespecifikationer för utbetalningsdag 2025-11-25 (definitiv)');
    const line = (label: string, count: number, ore: number) => new RegExp(`^ {2}${label}\\s+${count}\\s+${kronorSv(ore)}$`, 'm');
    expect(out).toMatch(/^ {2}Kanal\s+Antal\s+Nettolön$/m);
    expect(out).toMatch(line('Kivra', 3, sum('kivra')));
    expect(out).toMatch(line('utskrift', 2, sum('print')));
    expect(out).toMatch(line('retroaktiv leverans', 2, sum('retain')));
    expect(out).toMatch(line('hoppas över', 1, sum('skip')));
    expect(out).toMatch(line('kan inte skickas', 2, sum('fail')));
    expect(out).toMatch(line('Totalt', 10, sum()));
    for (const english of ['payslip', 'Channel', 'Reason', 'final', 'mailbox', 'SEK', 'Total ']) expect(out).not.toContain(english);

    // --json keeps the counts and adds the net pay sums in öre.
    const json = sb.json(await sb.run(['select', '--date', '2025-11-25', '--lang', 'sv', '--json']));
    expect(json.totals).toEqual({
      kivra: 3, print: 2, retain: 2, skip: 1, fail: 2,
      netPayOre: { kivra: sum('kivra'), print: sum('print'), retain: sum('retain'), skip: sum('skip'), fail: sum('fail'), total: sum() },
    });
    expect(json.items.find((i: Row) => i.employeeNumber === '1002').netPayOre).toBe(net.get('1002'));
  });

  test('--status preliminary takes the preliminary run; --status any an older period; a final date is not preliminary', async () => {
    const preliminary = sb.json(await sb.run(['select', '--date', 'latest', '--status', 'preliminary', '--json']));
    expect(preliminary).toMatchObject({ payoutDate: '2025-12-23', status: 'preliminary', payRuns: [{ payRun: '2025-12', status: 'preliminary' }] });
    expect(preliminary.items).toHaveLength(9);
    expect(preliminary.items.every((i: Row) => i.payslipStatus === 'preliminary')).toBe(true);

    const older = sb.json(await sb.run(['select', '--date', '2025-10-24', '--status', 'any', '--json']));
    expect(older).toMatchObject({ payoutDate: '2025-10-24', payRuns: [{ payRun: '2025-10' }] });
    expect(channels(older.items)).toEqual(PLANNED_CHANNELS);

    const wrongStatus = await sb.run(['select', '--date', '2025-12-23']);
    expect(wrongStatus.exitCode).toBe(0);
    expect(wrongStatus.stderr).toContain('No payslips for payout date 2025-12-23 (final)');
    const latestAny = sb.json(await sb.run(['select', '--date', 'latest', '--status', 'any', '--json']));
    expect(latestAny.payoutDate).toBe('2025-12-23');
  });

  test('--date today resolves to the local date; --employees by number or personnummer', async () => {
    const today = sb.json(await sb.run(['select', '--date', 'today', '--json']));
    const local = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });
    expect(today).toMatchObject({ payoutDate: local, items: [] });

    const some = sb.json(await sb.run(['select', '--date', 'latest', '--employees', '1003, 8306092399,19770324-2391', '--json']));
    expect(some.items.map((i: Row) => i.employeeNumber)).toEqual(['1002', '1003', '1010']);
    expect(some.totals).toMatchObject({ kivra: 1, print: 1, retain: 0, skip: 1, fail: 0 });
  });

  test('bad --date, --status or --employees is a usage error (exit 2)', async () => {
    const badDate = await sb.run(['select', '--date', '25/11/2025', '--json']);
    expect(badDate.exitCode).toBe(2);
    expect(sb.json(badDate).error.message).toContain('--date: "25/11/2025" is not a date');
    const badStatus = await sb.run(['select', '--date', 'latest', '--status', 'draft']);
    expect(badStatus.exitCode).toBe(2);
    const unknown = await sb.run(['select', '--date', 'latest', '--employees', '1001,4711', '--json']);
    expect(unknown.exitCode).toBe(2);
    expect(sb.json(unknown).error).toMatchObject({ code: 'employee_not_selected' });
    expect(sb.json(unknown).error.message).toContain('4711');
  });

  test('after a send, delivered payslips are skipped unless --resend; a changed one waits for --changed', async () => {
    const sent = await sb.run(['send', '--date', 'latest', '--employees', '1001,1003', '--yes']);
    expect(sent.exitCode, String(sent.stderr)).toBe(0);
    const after = sb.json(await sb.run(['select', '--date', 'latest', '--employees', '1001,1003', '--json']));
    expect(after.items.map((i: Row) => [i.employeeNumber, i.channel, i.reason])).toEqual([
      ['1001', 'skip', 'already_delivered'],
      ['1003', 'skip', 'already_delivered'],
    ]);
    const resend = sb.json(await sb.run(['select', '--date', 'latest', '--employees', '1001,1003', '--resend', '--json']));
    expect(resend).toMatchObject({ resend: true });
    expect(channels(resend.items)).toEqual({ '1001': 'kivra', '1003': 'print' });

    // The payroll system corrects 1001's payslip after delivery: select says so.
    const payroll = readPayroll();
    const run = payroll.pay_runs.find((r) => r.id === '2025-11')!;
    (run.payslips.find((p) => p.employee_number === '1001')!.vacation as Row).days_remaining = '17';
    expect((await sb.run(['sync', '--from', writePayroll(sb, payroll), '--offline'])).exitCode).toBe(0);
    const changed = sb.json(await sb.run(['select', '--date', 'latest', '--employees', '1001', '--json']));
    expect(changed.items).toEqual([expect.objectContaining({ channel: 'skip', reason: 'changed_since_delivery', delivered: expect.objectContaining({ state: 'changed' }) })]);
    expect(changed.changedSinceDelivery).toBe(1);
    const correction = sb.json(await sb.run(['select', '--date', 'latest', '--changed', '--json']));
    expect(correction.items).toEqual([expect.objectContaining({ employeeNumber: '1001', channel: 'kivra', note: 'correction', replacesDeliveredAt: expect.stringMatching(/^\d{4}-/) })]);
  });
});
