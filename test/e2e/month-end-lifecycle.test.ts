import { createHash } from 'node:crypto';
import { afterEach, describe, expect, test } from 'vitest';
import { readPages } from '../render/pdf-inspect.js';
import { readPayroll, receivedJson, remoteMonthEnd, SSN, writePayroll, type RemoteMonthEnd } from '../helpers/month-end.js';

/**
 * A payroll office's month as it goes: preliminary then final, corrections after delivery,
 * `--status any`, and the same content from any database. Against a Kivra emulator the
 * test started, so it sees exactly what Kivra received.
 */

const sandboxes: RemoteMonthEnd[] = [];
afterEach(() => {
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});
async function monthEnd(options: Parameters<typeof remoteMonthEnd>[0] = {}): Promise<RemoteMonthEnd> {
  const sb = await remoteMonthEnd(options);
  sandboxes.push(sb);
  return sb;
}

type Row = Record<string, any>;
const byEmployee = (items: Row[]): Map<string, Row> => new Map(items.map((i) => [i.employeeNumber, i]));
/** What Kivra received for one personnummer, oldest first (duplicates included). */
const received = (sb: RemoteMonthEnd, ssn: string): Row[] => sb.kivra.state.contents.filter((c) => c.ssn === ssn).map((c) => receivedJson(c.body));
const payslipOf = (payroll: Row, run: string, employee: string): Row =>
  payroll.pay_runs.find((r: Row) => r.id === run).payslips.find((p: Row) => p.employee_number === employee);

describe('preliminary, then final', () => {
  test('a delivered preliminary payslip never stands for the final one: select says so and a plain send delivers the final', async () => {
    const sb = await monthEnd();
    const preliminary = await sb.run(['send', '--date', '2025-12-23', '--status', 'preliminary', '--yes', '--json']);
    expect(preliminary.exitCode, String(preliminary.stderr)).toBe(3);
    expect(received(sb, SSN['1001']).map((c) => c.subject)).toEqual(['Preliminär lönespecifikation 2025-12']);

    // The payroll system closes the run: the same export, final now.
    const payroll = readPayroll() as unknown as Row;
    payroll.pay_runs.find((r: Row) => r.id === '2025-12').status = 'final';
    const exported = writePayroll(sb, payroll as never);
    const synced = await sb.run(['sync', '--from', exported, '--offline', '--json']);
    expect(synced.exitCode, String(synced.stderr)).toBe(0);
    expect(sb.json(synced).deliveryChanges).toEqual([{ payoutDate: '2025-12-23', status: 'final', changed: 0, finalNotSent: 6 }]);
    // Said again on every sync of the run, until the finals are sent.
    const again = await sb.run(['sync', '--from', exported, '--offline']);
    expect(again.stderr).toContain('6 payslips are final now (payout 2025-12-23); only the preliminary version was delivered. payslips send --date 2025-12-23 sends the final ones.');

    const select = await sb.run(['select', '--date', '2025-12-23', '--json']);
    const planned = sb.json(select);
    expect(planned.finalAfterPreliminary).toBe(6);
    expect(byEmployee(planned.items).get('1001')).toMatchObject({ channel: 'kivra', note: 'final_after_preliminary', delivered: { state: 'final_after_preliminary' } });
    const human = await sb.run(['select', '--date', '2025-12-23']);
    expect(human.stdout).toMatch(/1001 .*final\s+Kivra\s+has a Kivra mailbox \(preliminary delivered, final not sent\)/);
    expect(human.stdout).toContain('Of these: 6 final payslips whose preliminary version was delivered.');

    const final = await sb.run(['send', '--date', '2025-12-23', '--yes', '--json']);
    expect(final.exitCode, String(final.stderr)).toBe(3);
    expect(byEmployee(sb.json(final).items).get('1001')).toMatchObject({ outcome: 'delivered', note: 'final_after_preliminary', payslipStatus: 'final' });
    expect(received(sb, SSN['1001']).map((c) => c.subject)).toEqual(['Preliminär lönespecifikation 2025-12', 'Lönespecifikation 2025-12']);
    // Now the final is what was delivered.
    expect(byEmployee(sb.json(await sb.run(['select', '--date', '2025-12-23', '--json'])).items).get('1001')).toMatchObject({ channel: 'skip', reason: 'already_delivered' });
  });

  test('changing a delivered run\'s payout date makes its payslips changed since delivery', async () => {
    const sb = await monthEnd();
    expect((await sb.run(['send', '--date', '2025-11-25', '--employees', '1001', '--yes'])).exitCode).toBe(0);
    const payroll = readPayroll() as unknown as Row;
    payroll.pay_runs.find((r: Row) => r.id === '2025-11').payout_date = '2025-11-24';
    expect((await sb.run(['sync', '--from', writePayroll(sb, payroll as never), '--offline'])).exitCode).toBe(0);
    const moved = sb.json(await sb.run(['select', '--date', '2025-11-24', '--employees', '1001', '--json']));
    expect(moved.items).toEqual([expect.objectContaining({ channel: 'skip', reason: 'changed_since_delivery' })]);
  });
});

describe('corrections', () => {
  test('a plain send never resends a changed payslip and says how to; send --changed sends exactly the corrections, marked as such', async () => {
    const sb = await monthEnd();
    const first = await sb.run(['send', '--date', '2025-11-25', '--yes']);
    expect(first.exitCode, String(first.stderr)).toBe(3);
    const firstDelivery = byEmployee(sb.json(await sb.run(['log', '1', '--json'])).job.items).get('1001')!;

    // A tax correction for 1001 after delivery.
    const payroll = readPayroll() as unknown as Row;
    const payslip = payslipOf(payroll, '2025-11', '1001');
    payslip.tax = (Number(payslip.tax) + 100).toFixed(2);
    payslip.net_pay = (Number(payslip.net_pay) - 100).toFixed(2);
    expect((await sb.run(['sync', '--from', writePayroll(sb, payroll as never), '--offline'])).exitCode).toBe(0);

    const plain = await sb.run(['send', '--date', '2025-11-25', '--yes']);
    expect(plain.exitCode).toBe(3);
    expect(plain.stderr).toContain('1 delivered payslip has changed since delivery and was not sent. Send the correction with: payslips send --date 2025-11-25 --changed');
    expect(received(sb, SSN['1001'])).toHaveLength(1);

    const correction = await sb.run(['send', '--date', '2025-11-25', '--changed', '--yes', '--json']);
    expect(correction.exitCode, String(correction.stderr)).toBe(0);
    const out = sb.json(correction);
    expect(out.items).toEqual([
      expect.objectContaining({ employeeNumber: '1001', outcome: 'delivered', note: 'correction', replacesDeliveredAt: firstDelivery.finishedAt }),
    ]);
    const [original, corrected] = received(sb, SSN['1001']);
    expect(original!.subject).toBe('Lönespecifikation 2025-11');
    expect(corrected!.subject).toBe('Rättad lönespecifikation 2025-11');
    expect(corrected!.parts[0].name).toBe('rattad-lonespecifikation-2025-11.pdf');
    expect(corrected!.salaryslip.pay_period.tax_deducted.monetary_amount).toBe((Number(payslip.tax)).toFixed(2));
    // Its first page says which document it replaces, by the day it was sent.
    const [page] = await readPages(Buffer.from(corrected!.parts[0].data, 'base64'));
    const sentOn = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(firstDelivery.finishedAt));
    expect(page!.text).toContain('RÄTTAD');
    expect(page!.text).toContain(`Ersätter lönespecifikationen som skickades ${sentOn}; den gäller inte längre.`);

    // The log, its CSV and --json mark it as a correction.
    const log = await sb.run(['log', String(out.jobId)]);
    expect(log.stdout).toMatch(/1001 .*delivered .*correction of the payslip delivered \d{4}-\d\d-\d\d/);
    const csv = await sb.run(['log', String(out.jobId), '--csv']);
    expect(csv.stdout).toContain(`,${firstDelivery.finishedAt},`);
    // Nothing is left to correct.
    expect(sb.json(await sb.run(['select', '--date', '2025-11-25', '--changed', '--json'])).items).toEqual([]);
  });

  test('a date-wide --resend says how many were delivered before and that Kivra bills each; it needs --yes off a terminal', async () => {
    const sb = await monthEnd();
    expect((await sb.run(['send', '--date', '2025-11-25', '--employees', '1001,1002', '--yes'])).exitCode).toBe(0);
    const refused = await sb.run(['send', '--date', '2025-11-25', '--resend']);
    expect(refused.exitCode).toBe(4);
    const select = await sb.run(['select', '--date', '2025-11-25', '--resend']);
    expect(select.stdout).toContain('2 delivered before, sent again (Kivra bills each)');
    const resent = await sb.run(['send', '--date', '2025-11-25', '--resend', '--employees', '1001,1002', '--yes']);
    expect(resent.exitCode, String(resent.stderr)).toBe(0);
    expect(resent.stderr).toContain('2 of these payslips were delivered before and are sent again: the employee may get a second copy, and Kivra bills each content it accepts.');
  });
});

test('--status any takes one payslip per employee and payout date: the final one when there is one', async () => {
  const sb = await monthEnd({
    edit: (payroll) => {
      // A final run on the preliminary run's payout date, for 1001 and 1002.
      const preliminary = payroll.pay_runs.find((r) => r.id === '2025-12')!;
      payroll.pay_runs.push({
        ...preliminary,
        id: '2025-12-slut',
        status: 'final',
        payslips: preliminary.payslips.filter((p) => ['1001', '1002'].includes(p.employee_number)),
      });
    },
  });
  const any = sb.json(await sb.run(['select', '--date', '2025-12-23', '--status', 'any', '--json']));
  const numbers = any.items.map((i: Row) => i.employeeNumber);
  expect(numbers).toEqual([...new Set(numbers)]);
  const items = byEmployee(any.items);
  expect(items.get('1001')).toMatchObject({ payRun: '2025-12-slut', payslipStatus: 'final' });
  expect(items.get('1002')).toMatchObject({ payRun: '2025-12-slut', payslipStatus: 'final' });
  expect(items.get('1003')).toMatchObject({ payRun: '2025-12', payslipStatus: 'preliminary' });
  const sent = await sb.run(['send', '--date', '2025-12-23', '--status', 'any', '--employees', '1001', '--yes', '--json']);
  expect(sent.exitCode, String(sent.stderr)).toBe(0);
  expect(received(sb, SSN['1001']).map((c) => c.subject)).toEqual(['Lönespecifikation 2025-12']);
});

test('the same payslip is byte-identical content in any job and from any database: nothing in it comes from the clock', async () => {
  const one = await monthEnd();
  const other = await monthEnd();
  expect((await one.run(['send', '--date', '2025-11-25', '--employees', '1001', '--yes'])).exitCode).toBe(0);
  // Another database, another day for all it knows.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  expect((await other.run(['send', '--date', '2025-11-25', '--employees', '1001', '--yes'])).exitCode).toBe(0);
  const digest = (sb: RemoteMonthEnd) => sb.kivra.state.contents.map((c) => createHash('sha256').update(c.body!).digest('hex'));
  expect(digest(one)).toHaveLength(1);
  expect(digest(other)).toEqual(digest(one));
  const [content] = received(one, SSN['1001']);
  // The pay run's payout date, not the moment of sending; an older period sorts below newer ones.
  expect(content!.generated_at).toBe('2025-11-25T10:00:00Z');
  expect(content!.salaryslip.document_metadata.creation_timestamp).toBe('2025-11-25T10:00:00Z');
});

describe('nothing invented is sent', () => {
  test("without the employer's e-mail and telephone, check, select and preview say which; send refuses before anything is sent", async () => {
    const sb = await monthEnd({
      edit: (payroll) => {
        const company = (payroll as unknown as Row).company;
        delete company.email;
        delete company.phone;
      },
    });
    const check = await sb.run(['activate', '--check']);
    expect(check.stderr).toContain("the employer's e-mail address and telephone number are missing");
    const select = await sb.run(['select', '--date', '2025-11-25']);
    expect(select.stderr).toContain("send refuses until the employer's e-mail address and telephone number are set (Kivra's salaryslip requires them): payslips activate --email <e-mail address> --phone <telephone number>");
    const preview = await sb.run(['preview', '1001', '--date', '2025-11-25', '--out', `${sb.dir}/1001.pdf`]);
    expect(preview.stderr).toMatch(/employer_details_missing.*e-mail address and telephone number are missing/);

    const send = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(send.exitCode).toBe(4);
    expect(sb.json(send).error).toMatchObject({ code: 'employer_details_missing' });
    expect(sb.kivra.state.contents).toEqual([]);
    expect(sb.json(await sb.run(['log', '--json'])).jobs).toEqual([]);

    expect((await sb.run(['activate', '--email', 'lon@ekbacken.example', '--phone', '046-12 34 56'])).exitCode).toBe(0);
    expect((await sb.run(['send', '--date', '2025-11-25', '--employees', '1001', '--yes'])).exitCode).toBe(0);
    const [content] = received(sb, SSN['1001']);
    expect(content!.salaryslip.employment.employer.contact_information).toMatchObject({ email_address: 'lon@ekbacken.example', telephone_number: '046-12 34 56' });
  });
});
