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
const EXCEL_EN = [
  'Job', 'Employee number', 'Name', 'Personnummer', 'Pay run', 'Payout date', 'Pay run status', 'Channel', 'Outcome',
  'Kivra content key', 'Attempts', 'Error code', 'Error message', 'Finished', 'Replaces delivery of', 'Print batch',
];
const EXCEL_SV = [
  'Utskick', 'Anställningsnummer', 'Namn', 'Personnummer', 'Lönekörning', 'Utbetalningsdag', 'Status', 'Kanal', 'Utfall',
  'Kivra innehållsnyckel', 'Försök', 'Felkod', 'Felmeddelande', 'Klart', 'Ersätter leverans från', 'Utskriftsfil',
];
// A name with a quote, a comma and a semicolon: what RFC 4180 and Excel quoting are for.
const ODD_FIRST = 'Émile "Mille"';
const ODD_LAST = 'Sjöström, d.ä.; Bjärred';
const SV = { env: { PAYSLIPS_LANG: 'sv' } };

/** An ISO instant as a person in Stockholm reads it, without the zone: `2025-11-25 06:00`. */
const stockholm = (iso: string): string => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm' }).slice(0, 16);
const LOCAL_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d CES?T/;

/**
 * How Swedish Excel reads a cell of a CSV it opens: a number when the text is one (digits,
 * a sign, a decimal comma, an exponent), so `198005112381` becomes 1,98005E+11 and a
 * leading zero is lost. Anything else, `19800511-2381` included, stays text.
 */
const excelReadsAsNumber = (cell: string): boolean => /^[-+]?\d+(,\d+)?(E[-+]?\d+)?$/i.test(cell.trim());

/** Every key of a JSON document, at any depth. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, found);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      found.add(k);
      keysOf(v, found);
    }
  }
  return found;
}

let sb: MonthEnd;
let firstSend: Record<string, any>;
beforeAll(async () => {
  sb = await localMonthEnd({
    edit: (payroll) => {
      const emile = payroll.employees.find((e) => e.employee_number === '1004')!;
      emile.first_name = ODD_FIRST;
      emile.last_name = ODD_LAST;
    },
  });
  const failed = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
  if (failed.exitCode !== 3) throw new Error(`first send exited ${failed.exitCode}: ${String(failed.stderr)}`);
  firstSend = sb.json(failed);
  const ok = await sb.run(['send', '--date', '2025-10-24', '--employees', '1001', '--yes'], { env: { PAYSLIPS_USER: 'anna' } });
  if (ok.exitCode !== 0) throw new Error(`second send exited ${ok.exitCode}: ${String(ok.stderr)}`);
});
afterAll(() => sb?.cleanup());

describe('log', () => {
  test('lists jobs newest first with ✔/✘, local times, operator, selection and totals', async () => {
    const r = await sb.run(['log']);
    expect(r.exitCode).toBe(0);
    const lines = String(r.stdout).split('\n');
    expect(lines[0]).toMatch(/^Job\s+Started\s+Finished\s+Operator\s+Selection\s+Status\s+Totals/);
    expect(lines[1]).toMatch(/^2\s.*anna\s+2025-10-24 final, employees 1001\s+✔ succeeded\s+delivered 1$/);
    expect(lines[2]).toMatch(/^1\s.*anna\s+2025-11-25 final\s+✘ failed\s+delivered 3, retained 2, printed 2, skipped 1, failed 2$/);

    const json = sb.json(await sb.run(['log', '--json']));
    expect(json.jobs.map((j: Record<string, any>) => [j.jobId, j.ok, j.status])).toEqual([[2, true, 'succeeded'], [1, false, 'failed']]);
    expect(json.jobs[1].printBatches).toEqual([{ file: expect.stringMatching(/print-job-1-.*\.pdf$/), manifest: expect.stringMatching(/print-job-1-.*\.csv$/), payslips: 2, pages: 4, blankPages: 2 }]);
    // The times are the zone's (TZ, Europe/Stockholm in the sandbox), named; --json keeps ISO UTC.
    const [started, finished] = [json.jobs[1].startedAt as string, json.jobs[1].finishedAt as string];
    expect(started).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines[2]).toMatch(new RegExp(`^1\\s+${stockholm(started)} CES?T\\s+${stockholm(finished)} CES?T\\s+anna`));
    const utc = await sb.run(['log'], { env: { TZ: 'UTC' } });
    expect(String(utc.stdout).split('\n')[2]).toContain(`${started.slice(0, 16).replace('T', ' ')} UTC`);
  });

  test('in Swedish: the same jobs in the words of Flex and Visma, no English left', async () => {
    const r = await sb.run(['log'], SV);
    expect(r.exitCode).toBe(0);
    const lines = String(r.stdout).split('\n');
    expect(lines[0]).toMatch(/^Utskick\s+Startat\s+Klart\s+Användare\s+Urval\s+Status\s+Utfall$/);
    expect(lines[1]).toMatch(/^2\s.*anna\s+2025-10-24 definitiv, anställda 1001\s+✔ klart\s+levererad 1$/);
    expect(lines[2]).toMatch(/^1\s.*anna\s+2025-11-25 definitiv\s+✘ klart med fel\s+levererad 3, väntar hos Kivra 2, utskriven 2, hoppades över 1, misslyckad 2$/);
    expect(lines[2]).toMatch(LOCAL_TIME);

    const one = await sb.run(['log', '1', '--lang', 'sv']);
    expect(one.stderr).toMatch(/^Utskick 1 ✘ klart med fel: 2025-11-25 definitiv, av anna, \d{4}-.* CES?T – \d{4}-.* CES?T$/m);
    const out = String(one.stdout);
    expect(out).toMatch(/^Anst\.nr\s+Namn\s+Personnr\s+Lönekörning\s+Kanal\s+Utfall\s+Försök\s+Detaljer$/m);
    expect(out).toMatch(/1001\s+Åsa Ekström\s+19800511-\*\*\*\*\s+2025-11\s+Kivra\s+levererad\s+1\s+\w+/);
    expect(out).toMatch(/1003\s+Linnéa Bäckström\s+19730288-\*\*\*\*\s+2025-11\s+utskrift\s+utskriven\s+0/);
    expect(out).toMatch(/1006\s+.*retroaktiv leverans\s+väntar hos Kivra/);
    expect(out).toMatch(/^Utfall: levererad 3, väntar hos Kivra 2, utskriven 2, hoppades över 1, misslyckad 2$/m);
    expect(out).toMatch(/^Utskriftsfil: /m);
    for (const english of ['Job', 'Started', 'Totals', 'delivered', 'retained', 'Print batch', 'by anna']) {
      expect(`${String(r.stdout)}${String(one.stderr)}`).not.toContain(english);
    }
  });

  test('log <id> shows each payslip, personnummer masked unless --show-personnummer', async () => {
    const r = await sb.run(['log', '1']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/Job 1 ✘ failed: 2025-11-25 final, by anna/);
    const out = String(r.stdout);
    expect(out).toMatch(/1001\s+Åsa Ekström\s+19800511-\*\*\*\*\s+2025-11\s+Kivra\s+delivered\s+1\s+\w+/);
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

  test('--csv <file> writes an owner-only file; --excel is for a person: semicolons, a byte-order mark, headers in words, local times', async () => {
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
    expect(text.startsWith(`${EXCEL_EN.join(';')}\r\n`)).toBe(true);
    expect(text).toContain(`;"${ODD_FIRST.replace(/"/g, '""')} ${ODD_LAST}";`);
    const rows = parseCsv(text, ';');
    const plain = parseCsv(readFileSync(csvFile, 'utf8'));
    expect(rows).toHaveLength(plain.length);
    for (const [i, row] of rows.slice(1).entries()) {
      const p = plain[i + 1]!;
      // The same payslips in the same order, with the same codes and keys.
      for (const column of [0, 1, 2, 4, 5, 9, 10, 11, 12, 15]) expect(row[column]).toBe(p[column]);
      expect(row[13]).toMatch(p[13] === '' ? /^$/ : new RegExp(`^${stockholm(p[13]!)} CES?T$`));
    }
    const byNumber = new Map(rows.slice(1).map((row) => [row[1]!, row]));
    expect(byNumber.get('1001')!.slice(6, 9)).toEqual(['final', 'Kivra', 'delivered']);

    // Swedish Excel turns 12 digits into a number (1,98005E+11); the hyphenated form stays
    // the personnummer, as text. The plain CSV keeps its 12 digits for scripts.
    const plainByNumber = new Map(plain.slice(1).map((row) => [row[1]!, row]));
    expect(excelReadsAsNumber(plainByNumber.get('1001')![3]!)).toBe(true);
    expect(byNumber.get('1001')![3]).toBe('19800511-2381');
    expect(byNumber.get('1005')![3]).toBe('20020220-2388');
    expect(byNumber.get('1009')![3]).toBe('19820305-2398');
    expect(byNumber.get('1008')![3]).toBe('');
    for (const row of rows.slice(1)) expect(excelReadsAsNumber(row[3]!), row[3]).toBe(false);

    // To stdout too; read as bytes, since decoding text would eat the byte-order mark.
    const toStdout = await execa('node', [BIN, 'log', '1', '--excel'], { env: sb.env, extendEnv: false, encoding: 'buffer', reject: false });
    expect(Buffer.from(toStdout.stdout).subarray(0, 3 + EXCEL_EN[0]!.length).toString('utf8')).toBe(`\uFEFF${EXCEL_EN[0]}`);
  });

  test('--excel in Swedish: Swedish headers and words, times in Stockholm with the zone', async () => {
    const r = await sb.run(['log', '1', '--excel'], SV);
    expect(r.exitCode).toBe(0);
    const rows = parseCsv(String(r.stdout), ';');
    expect(rows[0]).toEqual(EXCEL_SV);
    const byNumber = new Map(rows.slice(1).map((row) => [row[1]!, row]));
    expect(byNumber.get('1001')!.slice(3, 9)).toEqual(['19800511-2381', '2025-11', '2025-11-25', 'definitiv', 'Kivra', 'levererad']);
    expect(byNumber.get('1003')!.slice(7, 9)).toEqual(['utskrift', 'utskriven']);
    expect(byNumber.get('1006')!.slice(7, 9)).toEqual(['retroaktiv leverans', 'väntar hos Kivra']);
    expect(byNumber.get('1001')![13]).toMatch(new RegExp(`^${LOCAL_TIME.source}$`));
    // The plain CSV is for scripts: its column names, codes and ISO UTC, whatever the language.
    const plain = parseCsv(String((await sb.run(['log', '1', '--csv'], SV)).stdout));
    expect(plain[0]).toEqual(COLUMNS);
    expect(new Map(plain.slice(1).map((row) => [row[1]!, row])).get('1001')!.slice(6, 9)).toEqual(['final', 'kivra', 'delivered']);
  });

  test('--json speaks the vocabulary of send --json: jobId, print batches as files, the same payslip entries, no row ids', async () => {
    const job = sb.json(await sb.run(['log', '1', '--json'])).job;
    expect(job).toMatchObject({ jobId: 1, company: { orgNumber: '5566778899', name: 'Ekbacken Bygg & Måleri AB' }, status: 'failed', ok: false });
    expect(job.items).toEqual(firstSend.items);
    expect(job.printBatches).toEqual([{ file: expect.stringMatching(/print-job-1-.*\.pdf$/), manifest: expect.stringMatching(/\.csv$/), payslips: 2, pages: 4, blankPages: 2 }]);
    const audit = sb.json(await sb.run(['log', '--audit', '--json'])).audit;
    expect(audit.find((e: Record<string, any>) => e.action === 'send.finish').details).toMatchObject({ jobId: 2, status: 'succeeded' });
    const documents = [job, sb.json(await sb.run(['log', '--json'])), audit];
    for (const doc of documents) {
      const keys = keysOf(doc);
      for (const internal of ['id', 'job', 'companyId', 'itemId', 'printBatchId', 'pdfPath', 'manifestPath', 'state']) expect(keys.has(internal), internal).toBe(false);
    }
  });

  test('log --audit: each entry in words, local times, no JSON and no field names of the code, in English and Swedish', async () => {
    const readable = (text: string): void => {
      // The CSV log's path is the sandbox's: mkdtemp mixes cases, so it is left out.
      const words = text.replaceAll(sb.dir, '<dir>');
      expect(words).not.toMatch(/[{}"[\]]/);
      expect(words).not.toMatch(/\b[a-z]+[A-Z]\w*/);
    };
    expect((await sb.run(['log', '2', '--csv', join(sb.dir, 'utskick-2.csv')])).exitCode).toBe(0);
    const en = await sb.run(['log', '--audit']);
    expect(en.exitCode).toBe(0);
    const out = String(en.stdout);
    readable(out);
    expect(out).toMatch(/^When\s+Operator\s+Company\s+Action\s+What$/m);
    expect(out).toMatch(new RegExp(`^${LOCAL_TIME.source}\\s+anna\\s+556677-8899\\s+send finished\\s+job 1 failed: delivered 3, retained 2, printed 2, skipped 1, failed 2$`, 'm'));
    expect(out).toMatch(/send started\s+job 1: 2025-11-25 final; planned Kivra 3, print 2, retain 2, skip 1, fail 2$/m);
    expect(out).toMatch(/payroll import\s+company details changed; employees 10 added; pay runs 3 added; payslips 29 added$/m);
    expect(out).toMatch(/company created\s+name: — → Ekbacken Bygg & Måleri AB; licence: off → on; retention days: 0 → 390; send payslips: off → on; print handling: off → on; program link active: off → on/m);
    expect(out).toMatch(/—\s+first operator\s+anna became administrator as the first operator$/m);
    expect(out).toMatch(/CSV log written\s+job 2: .*utskick-2\.csv$/m);

    const sv = await sb.run(['log', '--audit'], SV);
    const ut = String(sv.stdout);
    readable(ut);
    expect(ut).toMatch(/^När\s+Användare\s+Företag\s+Händelse\s+Vad$/m);
    expect(ut).toMatch(/utskick klart\s+utskick 1 klart med fel: levererad 3, väntar hos Kivra 2, utskriven 2, hoppades över 1, misslyckad 2$/m);
    expect(ut).toMatch(/utskick startat\s+utskick 1: 2025-11-25 definitiv; planerat Kivra 3, utskrift 2, retroaktiv leverans 2, hoppas över 1, kan inte skickas 2$/m);
    expect(ut).toMatch(/import av lönedata\s+företagets uppgifter ändrades; anställda 10 nya; lönekörningar 3 nya; lönespecifikationer 29 nya$/m);
    expect(ut).toMatch(/företag skapat\s+namn: — → Ekbacken Bygg & Måleri AB; licens: av → på; retroaktiv leverans \(dagar\): 0 → 390/m);
    expect(ut).toMatch(/första användaren\s+anna blev administratör som första användare$/m);
    for (const english of ['send finished', 'payroll import', 'company created', ' added', 'licence', 'first operator', 'planned']) expect(ut).not.toContain(english);
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
    expect(audit.stdout).toMatch(/send started\s+job 1: 2025-10-24 final, employees 19800511-\*\*\*\*,20020220-\*\*\*\*,1002; planned Kivra 3$/m);
    for (const form of fullForms) expect(String(audit.stdout)).not.toContain(form);
    expect((await byPnr.run(['log', '--audit', '--show-personnummer'])).stdout).toContain('employees 19800511-2381,0202202388,1002');
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
