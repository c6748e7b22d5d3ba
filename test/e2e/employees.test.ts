import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { localMonthEnd, readPayroll, SSN, writePayroll, type MonthEnd } from '../helpers/month-end.js';

/**
 * The register in Swedish and English (`employees list`, `employees set`), and one
 * employee's history (`employees show`): the answer to "I never got my payslip".
 */

const SV = { env: { PAYSLIPS_LANG: 'sv' } };
/** An ISO instant as a person in Stockholm reads it, without the zone: `2025-11-25 06:00`. */
const stockholm = (iso: string): string => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16);
const line = (text: unknown, start: string): string => String(text).split('\n').find((l) => l.startsWith(start)) ?? '';

describe('employees list and set', () => {
  let sb: MonthEnd;
  beforeAll(async () => {
    // 1011 has 1001's personnummer: a payroll system's copy-paste error, for `show` to refuse.
    sb = await localMonthEnd({
      edit: (payroll) => {
        payroll.employees.push({ ...payroll.employees.find((e) => e.employee_number === '1001')!, employee_number: '1011', first_name: 'Kopia' });
      },
    });
  });
  afterAll(() => sb?.cleanup());

  test('list: the mailbox check in local time with its zone; --json without row ids', async () => {
    const json = sb.json(await sb.run(['employees', 'list', '--json']));
    const e1001 = json.employees.find((e: Record<string, any>) => e.employeeNumber === '1001');
    expect(e1001.mailboxCheckedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    for (const e of json.employees) for (const key of ['id', 'companyId']) expect(Object.keys(e)).not.toContain(key);

    const r = await sb.run(['employees', 'list']);
    expect(r.exitCode).toBe(0);
    expect(String(r.stdout)).toMatch(/^No\.\s+Name\s+Personnummer\s+Kivra\s+Print\s+Mailbox\s+Checked\s+Address$/m);
    expect(line(r.stdout, '1001')).toMatch(new RegExp(`19800511-\\*{4}\\s+yes\\s+yes\\s+yes\\s+${stockholm(e1001.mailboxCheckedAt)} CES?T\\s+yes$`));
    expect(line(r.stdout, '1008')).toMatch(/missing\s+yes\s+yes\s+unknown\s+—\s+yes$/);
    expect(String(r.stderr)).toContain('11 employees.');
  });

  test('list in Swedish: ja/nej, okänt, saknas, ogiltigt, ofullständig', async () => {
    const r = await sb.run(['employees', 'list'], SV);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^Anst\.nr\s+Namn\s+Personnr\s+Kivra\s+Utskrift\s+Brevlåda\s+Kontrollerad\s+Adress$/m);
    expect(line(out, '1001')).toMatch(/19800511-\*{4}\s+ja\s+ja\s+ja\s+\d{4}-\d\d-\d\d \d\d:\d\d CES?T\s+ja$/);
    expect(line(out, '1007')).toMatch(/\s+ofullständig$/);
    expect(line(out, '1008')).toMatch(/saknas\s+ja\s+ja\s+okänt\s+—\s+ja$/);
    expect(line(out, '1009')).toMatch(/ogiltigt\s+/);
    expect(String(r.stderr)).toContain('11 anställda.');
    for (const english of ['yes', 'unknown', 'missing', 'invalid', 'incomplete', 'employees']) expect(`${out}${String(r.stderr)}`).not.toMatch(new RegExp(`\\b${english}\\b`));
  });

  test('set in Swedish: what changed, and an unknown employee or nothing to change refused in Swedish', async () => {
    const done = await sb.run(['employees', 'set', '1003', '--print', 'off'], SV);
    expect(done.exitCode).toBe(0);
    expect(done.stderr).toContain('utskrift av: ändrat för 1, 0 hade det redan.');
    expect(done.stdout).toContain('1003  Linnéa Bäckström');
    const english = await sb.run(['employees', 'set', '1003', '1004', '--print', 'on', '--kivra', 'on']);
    expect(english.stderr).toContain('Kivra on, print on: 1 changed, 1 already so.');

    const unknown = await sb.run(['employees', 'set', '9999', '--kivra', 'on'], SV);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('fel: Registret för Ekbacken Bygg & Måleri AB har ingen anställd 9999. Inget ändrades.');
    expect(unknown.stderr).toContain('payslips employees list visar registret.');
    const nothing = await sb.run(['employees', 'set', '1003', '--json'], SV);
    expect(nothing.exitCode).toBe(2);
    expect(sb.json(nothing).error).toMatchObject({ code: 'invalid_option', message: 'Ange vad som ska ändras: --kivra on|off och/eller --print on|off.' });
  });

  test('show refuses a personnummer two employees share, naming both, and an employee not in the register', async () => {
    const both = await sb.run(['employees', 'show', '19800511-2381', '--json']);
    expect(both.exitCode).toBe(2);
    expect(sb.json(both).error).toMatchObject({ code: 'employee_ambiguous', details: ['1001 Åsa Ekström', '1011 Kopia Ekström'] });
    const none = await sb.run(['employees', 'show', '4242'], SV);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('Registret för Ekbacken Bygg & Måleri AB har ingen anställd 4242.');
  });
});

describe('employees show', () => {
  let sb: MonthEnd;
  let job1: Map<string, Record<string, any>>;
  beforeAll(async () => {
    sb = await localMonthEnd();
    const first = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    if (first.exitCode !== 3) throw new Error(`send exited ${first.exitCode}: ${String(first.stderr)}`);
    job1 = new Map((sb.json(first).items as Array<Record<string, any>>).map((i) => [i.employeeNumber, i]));
    // A tax correction for 1001 after delivery, sent as a correction (job 2).
    const payroll = readPayroll();
    const payslip = payroll.pay_runs.find((r) => r.id === '2025-11')!.payslips.find((p) => p.employee_number === '1001')!;
    payslip.tax = (Number(payslip.tax) + 100).toFixed(2);
    payslip.net_pay = (Number(payslip.net_pay) - 100).toFixed(2);
    if ((await sb.run(['sync', '--from', writePayroll(sb, payroll, 'rattad.json'), '--offline'])).exitCode !== 0) throw new Error('sync failed');
    const correction = await sb.run(['send', '--date', '2025-11-25', '--changed', '--yes']);
    if (correction.exitCode !== 0) throw new Error(`correction exited ${correction.exitCode}: ${String(correction.stderr)}`);
  });
  afterAll(() => sb?.cleanup());

  test('the register entry and every payslip: delivered with its content key, the correction and what it replaced, not yet sent', async () => {
    const json = sb.json(await sb.run(['employees', 'show', '1001', '--json']));
    const r = await sb.run(['employees', 'show', '1001']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^Employee\s+1001 Åsa Ekström$/m);
    expect(out).toMatch(/^Personnummer\s+19800511-\*{4}$/m);
    expect(out).toMatch(/^Kivra\s+on \(send payslips to Kivra\)$/m);
    expect(out).toMatch(/^Print\s+on \(a PDF the employer prints and posts when there is no mailbox\)$/m);
    expect(out).toMatch(new RegExp(`^Mailbox\\s+yes, checked ${stockholm(json.employee.mailboxCheckedAt)} CES?T$`, 'm'));
    expect(out).toMatch(/^Address\s+complete$/m);
    expect(out).toMatch(/^Pay run\s+Payout date\s+Status\s+Job\s+Channel\s+Outcome\s+When\s+Kivra content key \/ detail$/m);
    const delivered = job1.get('1001')!;
    const rows = out.split('\n').filter((l) => l.startsWith('2025-'));
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^2025-12\s+2025-12-23\s+preliminary\s+—\s+—\s+not yet sent\s+—$/);
    expect(rows[1]).toMatch(new RegExp(`^2025-11\\s+2025-11-25\\s+final\\s+1\\s+Kivra\\s+delivered\\s+${stockholm(delivered.finishedAt)} CES?T\\s+${delivered.kivraContentKey}$`));
    expect(rows[2]).toMatch(new RegExp(`^2025-11\\s+2025-11-25\\s+final\\s+2\\s+Kivra\\s+delivered\\s+.* CES?T\\s+\\w+; correction of the payslip delivered ${stockholm(delivered.finishedAt)} CES?T$`));
    expect(rows[3]).toMatch(/^2025-10\s+2025-10-24\s+final\s+—\s+—\s+not yet sent/);
    expect(out).not.toContain(SSN['1001']);
    expect((await sb.run(['employees', 'show', '1001', '--show-personnummer'])).stdout).toMatch(/^Personnummer\s+19800511-2381$/m);

    // By personnummer in any common form, the same employee.
    for (const key of ['19800511-2381', '8005112381']) expect(String((await sb.run(['employees', 'show', key])).stdout)).toBe(out);
  });

  test('a failure with its reason, a printed payslip with its batch file', async () => {
    const failed = await sb.run(['employees', 'show', '1008']);
    expect(failed.stdout).toMatch(/^Personnummer\s+missing$/m);
    expect(failed.stdout).toMatch(/^2025-11\s+2025-11-25\s+final\s+1\s+fail\s+failed\s+.* CES?T\s+personnummer is missing$/m);
    const printed = await sb.run(['employees', 'show', '1003']);
    expect(printed.stdout).toMatch(/^2025-11\s+.*\s+1\s+print\s+printed\s+.* CES?T\s+print batch print-job-1-\d{8}T\d{6}\.pdf$/m);
  });

  test('in Swedish', async () => {
    const r = await sb.run(['employees', 'show', '1001'], SV);
    const out = String(r.stdout);
    expect(out).toMatch(/^Anställd\s+1001 Åsa Ekström$/m);
    expect(out).toMatch(/^Kivra\s+på \(skicka lönespecifikationer via Kivra\)$/m);
    expect(out).toMatch(/^Utskrift\s+på \(en PDF som arbetsgivaren skriver ut och postar när brevlåda saknas\)$/m);
    expect(out).toMatch(/^Brevlåda\s+ja, kontrollerad \d{4}-\d\d-\d\d \d\d:\d\d CES?T$/m);
    expect(out).toMatch(/^Adress\s+fullständig$/m);
    expect(out).toMatch(/^Lönekörning\s+Utbetalningsdag\s+Status\s+Utskick\s+Kanal\s+Utfall\s+När\s+Kivra innehållsnyckel \/ detaljer$/m);
    expect(out).toMatch(/^2025-12\s+2025-12-23\s+preliminär\s+—\s+—\s+ej skickad\s+—$/m);
    expect(out).toMatch(/^2025-11\s+2025-11-25\s+definitiv\s+2\s+Kivra\s+levererad\s+.*; rättelse av lönespecifikationen som levererades \d{4}-\d\d-\d\d \d\d:\d\d CES?T$/m);
    for (const english of ['Employee', 'Mailbox', 'delivered', 'not yet sent', 'correction', 'final']) expect(out).not.toContain(english);
    expect((await sb.run(['employees', 'show', '1003'], SV)).stdout).toMatch(/utskrift\s+utskriven\s+.*utskriftsfil print-job-1-/);
  });

  test('--json: the register entry as employees list gives it, each payslip with its outcome and every send in send --json\'s words', async () => {
    const json = sb.json(await sb.run(['employees', 'show', '1001', '--json']));
    const listed = sb.json(await sb.run(['employees', 'list', '--json'])).employees.find((e: Record<string, any>) => e.employeeNumber === '1001');
    expect(json.employee).toEqual(listed);
    expect(json.employee.personnummer).toBe(SSN['1001']);
    const delivered = job1.get('1001')!;
    expect(json.payslips.map((p: Record<string, any>) => [p.payRun, p.payoutDate, p.status, p.outcome, p.sends.length])).toEqual([
      ['2025-12', '2025-12-23', 'preliminary', 'not_sent', 0],
      ['2025-11', '2025-11-25', 'final', 'delivered', 2],
      ['2025-10', '2025-10-24', 'final', 'not_sent', 0],
    ]);
    const [first, correction] = json.payslips[1].sends;
    expect(first).toEqual({
      jobId: 1, channel: 'kivra', reason: 'has_mailbox', note: null, replacesDeliveredAt: null, outcome: 'delivered',
      kivraContentKey: delivered.kivraContentKey, attempts: 1, errorCode: null, errorMessage: null, finishedAt: delivered.finishedAt, printBatch: null,
    });
    expect(correction).toMatchObject({ jobId: 2, outcome: 'delivered', note: 'correction', replacesDeliveredAt: delivered.finishedAt });
    // Net pay in öre, as the payroll export gave it after the correction.
    const payroll = readPayroll();
    const netPay = payroll.pay_runs.find((r) => r.id === '2025-11')!.payslips.find((p) => p.employee_number === '1001')!.net_pay;
    expect(json.payslips[1].netPayOre).toBe(Math.round(Number(netPay) * 100) - 10_000);

    const failed = sb.json(await sb.run(['employees', 'show', '1008', '--json']));
    expect(failed.payslips[1]).toMatchObject({ outcome: 'failed', sends: [expect.objectContaining({ outcome: 'failed', errorCode: 'missing_personnummer', errorMessage: 'personnummer is missing' })] });
    const printed = sb.json(await sb.run(['employees', 'show', '1003', '--json']));
    expect(printed.payslips[1].sends[0]).toMatchObject({ outcome: 'printed', printBatch: expect.stringMatching(/print-job-1-\d{8}T\d{6}\.pdf$/) });
  });
});
