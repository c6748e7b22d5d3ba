import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { localMonthEnd, parseCsv, SSN, type MonthEnd } from '../helpers/month-end.js';

/**
 * `log`: the job list, one job's payslips, and its CSV log. One sandbox for the file: two
 * sends (one with failures, one that went well) made once, then read many ways.
 */

const COLUMNS = [
  'job_id', 'employee_number', 'employee_name', 'personnummer', 'pay_run', 'payout_date', 'payslip_status',
  'channel', 'outcome', 'kivra_content_key', 'attempts', 'error_code', 'error_message', 'finished_at', 'replaces_delivered_at', 'print_batch',
];
// A name with a quote, a comma and a semicolon: what RFC 4180 and Excel quoting are for.
const ODD_FIRST = 'Émile "Mille"';
const ODD_LAST = 'Sjöström, d.ä.; Bjärred';

let sb: MonthEnd;
beforeAll(async () => {
  sb = await localMonthEnd({
    edit: (payroll) => {
      const emile = payroll.employees.find((e) => e.employee_number === '1004')!;
      emile.first_name = ODD_FIRST;
      emile.last_name = ODD_LAST;
    },
  });
  const failed = await sb.run(['send', '--date', '2025-11-25', '--yes']);
  if (failed.exitCode !== 3) throw new Error(`first send exited ${failed.exitCode}: ${String(failed.stderr)}`);
  const ok = await sb.run(['send', '--date', '2025-10-24', '--employees', '1001', '--yes'], { env: { PAYSLIPS_USER: 'anna' } });
  if (ok.exitCode !== 0) throw new Error(`second send exited ${ok.exitCode}: ${String(ok.stderr)}`);
});
afterAll(() => sb?.cleanup());

describe('log', () => {
  test('lists jobs newest first with ✔/✘, operator, selection and totals', async () => {
    const r = await sb.run(['log']);
    expect(r.exitCode).toBe(0);
    const lines = String(r.stdout).split('\n');
    expect(lines[0]).toMatch(/^Job\s+Started \(UTC\)\s+Finished \(UTC\)\s+Operator\s+Selection\s+Status\s+Totals/);
    expect(lines[1]).toMatch(/^2\s.*anna\s+2025-10-24 final, employees 1001\s+✔ succeeded\s+delivered 1$/);
    expect(lines[2]).toMatch(/^1\s.*anna\s+2025-11-25 final\s+✘ failed\s+delivered 3, retained 2, printed 2, skipped 1, failed 2$/);

    const json = sb.json(await sb.run(['log', '--json']));
    expect(json.jobs.map((j: Record<string, any>) => [j.id, j.ok, j.status])).toEqual([[2, true, 'succeeded'], [1, false, 'failed']]);
    expect(json.jobs[1].printBatches).toEqual([expect.objectContaining({ pdfPath: expect.stringMatching(/print-job-1-.*\.pdf$/), payslips: 2, pages: 4, blankPages: 2 })]);
  });

  test('log <id> shows each payslip, personnummer masked unless --show-personnummer', async () => {
    const r = await sb.run(['log', '1']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Job 1 ✘ failed: 2025-11-25 final, by anna/);
    const out = String(r.stdout);
    expect(out).toMatch(/1001\s+Åsa Ekström\s+19800511-\*\*\*\*\s+2025-11\s+kivra\s+delivered\s+1\s+\w+/);
    expect(out).toMatch(/1008\s+Ingrid Nyström\s+—\s+2025-11\s+fail\s+failed\s+0\s+personnummer is missing/);
    // What was entered, masked on screen like any personnummer, and why it is refused.
    expect(out).toMatch(/1009\s+Örjan Ågren\s+—\s+2025-11\s+fail\s+failed\s+0\s+personnummer "19820305-\*\*\*\*" is not valid: the check digit is wrong/);
    expect(out).toMatch(/1010\s+Sofia Åkerlund\s+19770324-\*\*\*\*\s+2025-11\s+skip\s+skipped\s+0\s+not flagged for Kivra/);
    expect(out).not.toContain(SSN['1001']);
    expect(out).toMatch(/Print batch: .*print-job-1-.*\.pdf/);
    const full = await sb.run(['log', '1', '--show-personnummer']);
    expect(full.stdout).toContain('19800511-2381');
    expect(full.stdout).toContain('personnummer "19820305-2398" is not valid');
  });

  test('log <id> --csv: the documented columns in order, RFC 4180, full personnummer, a reason on every row that did not go out', async () => {
    const r = await sb.run(['log', '1', '--csv']);
    expect(r.exitCode).toBe(0);
    const text = String(r.stdout);
    expect(text.startsWith(`${COLUMNS.join(',')}\r\n`)).toBe(true);
    // CRLF after every record (execa strips the very last line break).
    expect(text.split('\r\n')).toHaveLength(11);
    expect(text).toContain(`,"${ODD_FIRST.replace(/"/g, '""')} ${ODD_LAST}",`);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(COLUMNS);
    expect(rows).toHaveLength(11);
    const byNumber = new Map(rows.slice(1).map((row) => [row[1]!, Object.fromEntries(COLUMNS.map((c, i) => [c, row[i]]))]));
    expect(byNumber.get('1001')).toMatchObject({
      job_id: '1', employee_name: 'Åsa Ekström', personnummer: SSN['1001'], pay_run: '2025-11', payout_date: '2025-11-25',
      payslip_status: 'final', channel: 'kivra', outcome: 'delivered', attempts: '1', error_code: '', error_message: '',
    });
    expect(byNumber.get('1001')!.kivra_content_key).toMatch(/^\w{10,}$/);
    expect(byNumber.get('1001')!.finished_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/);
    expect(byNumber.get('1002')!.personnummer).toBe(SSN['1002']);
    expect(byNumber.get('1004')).toMatchObject({ employee_name: `${ODD_FIRST} ${ODD_LAST}`, channel: 'print', outcome: 'printed', kivra_content_key: '' });
    expect(byNumber.get('1006')).toMatchObject({ channel: 'retain', outcome: 'retained' });
    expect(byNumber.get('1008')).toMatchObject({ personnummer: '', outcome: 'failed', error_code: 'missing_personnummer', error_message: 'personnummer is missing' });
    // The personnummer as the payroll system entered it, and what is wrong with it.
    expect(byNumber.get('1009')).toMatchObject({
      personnummer: '19820305-2398', outcome: 'failed', error_code: 'invalid_personnummer',
      error_message: 'personnummer "19820305-2398" is not valid: the check digit is wrong',
    });
    expect(byNumber.get('1004')!.print_batch).toMatch(/^print-job-1-\d{8}T\d{6}\.pdf$/);
    expect(byNumber.get('1001')).toMatchObject({ print_batch: '', replaces_delivered_at: '' });
    expect(byNumber.get('1010')).toMatchObject({ outcome: 'skipped', error_code: 'not_flagged_for_kivra' });
  });

  test('--csv <file> writes an owner-only file; --excel uses semicolons and a byte-order mark with the same rows', async () => {
    const csvFile = join(sb.dir, 'utskick-1.csv');
    const excelFile = join(sb.dir, 'utskick-1-excel.csv');
    const written = await sb.run(['log', '1', '--csv', csvFile]);
    expect(written.exitCode).toBe(0);
    expect(written.stdout).toBe('');
    expect(written.stderr).toContain(`Wrote the log of job 1 (10 payslips) to ${csvFile}`);
    expect(statSync(csvFile).mode & 0o777).toBe(0o600);

    const excel = await sb.run(['log', '1', '--csv', excelFile, '--excel']);
    expect(excel.exitCode).toBe(0);
    const bytes = readFileSync(excelFile);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.startsWith(`${COLUMNS.join(';')}\r\n`)).toBe(true);
    expect(text).toContain(`;"${ODD_FIRST.replace(/"/g, '""')} ${ODD_LAST}";`);
    expect(parseCsv(text, ';')).toEqual(parseCsv(readFileSync(csvFile, 'utf8')));

    // To stdout too; read as bytes, since decoding text would eat the byte-order mark.
    const toStdout = await execa('node', [BIN, 'log', '1', '--excel'], { env: sb.env, extendEnv: false, encoding: 'buffer', reject: false });
    expect(Buffer.from(toStdout.stdout).subarray(0, 3 + COLUMNS[0]!.length).toString('utf8')).toBe(`\uFEFF${COLUMNS[0]}`);
  });

  test('an unknown job or --csv without a job is a usage error (exit 2)', async () => {
    const unknown = await sb.run(['log', '99', '--json']);
    expect(unknown.exitCode).toBe(2);
    expect(sb.json(unknown).error.code).toBe('job_unknown');
    const noJob = await sb.run(['log', '--csv']);
    expect(noJob.exitCode).toBe(2);
    expect(noJob.stderr).toContain('payslips log <job-id> --csv');
  });
});

describe('a selection made by personnummer', () => {
  let byPnr: MonthEnd;
  beforeAll(async () => {
    byPnr = await localMonthEnd();
    // 1001 by her personnummer with a dash, 1005 by the 10-digit form, 1002 by number.
    const r = await byPnr.run(['send', '--date', '2025-10-24', '--employees', '19800511-2381,0202202388,1002', '--yes']);
    if (r.exitCode !== 0) throw new Error(`send exited ${r.exitCode}: ${String(r.stderr)}`);
  });
  afterAll(() => byPnr?.cleanup());

  const fullForms = ['19800511-2381', SSN['1001'], '0202202388', SSN['1005']];
  const masked = 'employees 19800511-****,20020220-****,1002';

  test('log and log <id> mask the personnummer the selection was made with, unless --show-personnummer', async () => {
    const list = await byPnr.run(['log']);
    expect(list.exitCode).toBe(0);
    expect(list.stdout).toContain(`2025-10-24 final, ${masked}`);
    const one = await byPnr.run(['log', '1']);
    expect(one.stderr).toContain(`2025-10-24 final, ${masked}, by anna`);
    for (const r of [list, one]) for (const form of fullForms) expect(`${String(r.stdout)}${String(r.stderr)}`).not.toContain(form);

    const shown = await byPnr.run(['log', '--show-personnummer']);
    expect(shown.stdout).toContain('employees 19800511-2381,0202202388,1002');
  });

  test('log --audit masks them in the send\'s entry', async () => {
    const audit = await byPnr.run(['log', '--audit']);
    expect(audit.exitCode).toBe(0);
    expect(audit.stdout).toContain('"employees":["19800511-****","20020220-****","1002"]');
    for (const form of fullForms) expect(String(audit.stdout)).not.toContain(form);
    expect((await byPnr.run(['log', '--audit', '--show-personnummer'])).stdout).toContain('"employees":["19800511-2381","0202202388","1002"]');
  });

  test('--json keeps the selection as it was made, as files for the administrator do', async () => {
    expect(byPnr.json(await byPnr.run(['log', '--json'])).jobs[0].selection.employees).toEqual(['19800511-2381', '0202202388', '1002']);
    const entry = byPnr.json(await byPnr.run(['log', '--audit', '--json'])).audit.find((e: Record<string, any>) => e.action === 'send.start');
    expect(entry.details.selection.employees).toEqual(['19800511-2381', '0202202388', '1002']);
  });

  test('select shows the personnummer it was given masked', async () => {
    const r = await byPnr.run(['select', '--date', '2025-10-24', '--employees', '19800511-2381', '--resend']);
    expect(r.exitCode).toBe(0);
    expect(`${String(r.stdout)}${String(r.stderr)}`).toContain('employees 19800511-****');
    expect(`${String(r.stdout)}${String(r.stderr)}`).not.toContain('19800511-2381');
  });
});
