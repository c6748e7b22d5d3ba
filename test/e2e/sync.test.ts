import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { baseExport, FIXTURE_CSV, FIXTURE_JSON, fixtureExport, writeJsonExport, type Json } from '../import/support/exports.js';

const RECIPIENTS = join(REPO_ROOT, 'fixtures', 'kivra-recipients.json');
const sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});
function sandbox(): Sandbox {
  const sb = createSandbox();
  sandboxes.push(sb);
  return sb;
}

/** Everything sync writes, without row ids and timestamps, in a stable order. */
function importedData(dbPath: string): Record<string, unknown[]> {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      companies: db.prepare('SELECT org_number, name, street, postal_code, city, email, phone FROM companies').all(),
      employees: db
        .prepare(
          `SELECT employee_number, personnummer, personnummer_input, personnummer_problem, personnummer_reason, first_name, last_name, street, postal_code,
             city, email, employment_end, kivra, print, flags_set_in_register, mailbox FROM employees ORDER BY employee_number`,
        )
        .all(),
      payRuns: db.prepare('SELECT run_key, payout_date, period_start, period_end, status FROM pay_runs ORDER BY run_key').all(),
      payslips: db
        .prepare(
          `SELECT r.run_key, e.employee_number, p.gross_pay_ore, p.tax_ore, p.net_pay_ore, p.tax_table, p.vacation_days_remaining,
             p.vacation_days_used, p.ytd_gross_pay_ore, p.ytd_tax_ore, p.content_hash, p.delivered_at IS NOT NULL AS delivered
           FROM payslips p JOIN pay_runs r ON r.id = p.pay_run_id JOIN employees e ON e.id = p.employee_id ORDER BY r.run_key, e.employee_number`,
        )
        .all(),
      lines: db
        .prepare(
          `SELECT r.run_key, e.employee_number, l.key AS position, l.value->>0 AS code, l.value->>1 AS text, l.value->>2 AS kind, l.value->>3 AS quantity,
             l.value->>4 AS unit, l.value->>5 AS rate_ore, l.value->>6 AS amount_ore
           FROM payslips p, json_each(p.lines) l JOIN pay_runs r ON r.id = p.pay_run_id JOIN employees e ON e.id = p.employee_id
           ORDER BY r.run_key, e.employee_number, l.key`,
        )
        .all(),
    };
  } finally {
    db.close();
  }
}

const payslipOf = (doc: Json, run: string, employee: string): Json =>
  doc.pay_runs.find((r: Json) => r.id === run).payslips.find((p: Json) => p.employee_number === employee);

describe('sync --from: output', () => {
  test('a summary on stdout; warnings and messages on stderr', async () => {
    const sb = sandbox();
    const r = await sb.run(['sync', '--from', FIXTURE_JSON, '--offline']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout).split('\n')).toEqual([
      'Employees  10 added, 0 updated, 0 unchanged',
      'Pay runs   3 added, 0 updated, 0 unchanged',
      'Payslips   29 added, 0 updated, 0 unchanged',
      'Warnings   3',
    ]);
    const stderr = String(r.stderr);
    expect(stderr).toContain(`Imported ${FIXTURE_JSON} (json) into Ekbacken Bygg & Måleri AB.`);
    expect(stderr).toMatch(/warning: .*payroll\.json:\d+: employee 1007: address: incomplete \(no postal_code\)/);
    expect(stderr).toMatch(/warning: .*payroll\.json:\d+: employee 1008: personnummer: missing/);
    expect(stderr).toMatch(/warning: .*payroll\.json:\d+: employee 1009: personnummer: not a valid personnummer/);
    // --offline: nobody was asked about mailboxes.
    expect(stderr).not.toContain('Kivra mailboxes');
  });

  test('--json: the same summary as data, and the same export again changes nothing, byte for byte', async () => {
    const sb = sandbox();
    const first = await sb.run(['sync', '--from', FIXTURE_JSON, '--offline', '--json']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    expect(sb.json(first)).toEqual({
      from: FIXTURE_JSON,
      format: 'json',
      company: { orgNumber: '5566778899', name: 'Ekbacken Bygg & Måleri AB', result: 'added' },
      employees: { added: 10, updated: 0, unchanged: 0 },
      payRuns: { added: 3, updated: 0, unchanged: 0 },
      payslips: { added: 29, updated: 0, unchanged: 0, changedSinceDelivery: 0 },
      warnings: [
        { employeeNumber: '1007', field: 'address', message: expect.stringContaining('incomplete'), file: FIXTURE_JSON, line: expect.any(Number) },
        { employeeNumber: '1008', field: 'personnummer', message: expect.stringContaining('missing'), file: FIXTURE_JSON, line: expect.any(Number) },
        { employeeNumber: '1009', field: 'personnummer', message: expect.stringContaining('check digit'), file: FIXTURE_JSON, line: expect.any(Number) },
      ],
      deliveryChanges: [],
      duplicatePersonnummer: [],
      testPersonnummer: [],
      mailboxes: null,
      imported: true,
      mailboxCheck: { done: false, reason: 'offline' },
    });
    // Warnings still reach stderr under --json.
    expect(String(first.stderr)).toContain('employee 1008: personnummer: missing');

    const before = readFileSync(sb.dbPath);
    const again = await sb.run(['sync', '--from', FIXTURE_CSV, '--offline', '--json']);
    expect(again.exitCode, String(again.stderr)).toBe(0);
    expect(sb.json(again)).toMatchObject({
      format: 'csv',
      company: { result: 'unchanged' },
      employees: { added: 0, updated: 0, unchanged: 10 },
      payRuns: { added: 0, updated: 0, unchanged: 3 },
      payslips: { added: 0, updated: 0, unchanged: 29, changedSinceDelivery: 0 },
    });
    expect(readFileSync(sb.dbPath).equals(before)).toBe(true);
  });
});

describe('sync --from: what lands in the database', () => {
  test('the JSON file and the CSV directory give identical database contents, money in exact öre', async () => {
    const fromJson = sandbox();
    const fromCsv = sandbox();
    expect((await fromJson.run(['sync', '--from', FIXTURE_JSON, '--offline'])).exitCode).toBe(0);
    expect((await fromCsv.run(['sync', '--from', FIXTURE_CSV, '--offline'])).exitCode).toBe(0);
    const json = importedData(fromJson.dbPath);
    expect(importedData(fromCsv.dbPath)).toEqual(json);

    expect(json.employees).toHaveLength(10);
    expect(json.payslips).toHaveLength(29);
    expect(json.payslips).toContainEqual(
      expect.objectContaining({ run_key: '2025-11', employee_number: '1002', gross_pay_ore: 4_641_142, tax_ore: 1_407_000, net_pay_ore: 3_834_672 }),
    );
    expect(json.lines).toContainEqual(
      expect.objectContaining({ run_key: '2025-10', employee_number: '1002', code: '710', kind: 'net', quantity: '2', rate_ore: 29_000, amount_ore: 58_000 }),
    );
    expect(json.employees).toContainEqual(
      expect.objectContaining({ employee_number: '1002', personnummer: '198306092399', personnummer_input: '8306092399' }),
    );
    expect(json.employees).toContainEqual(
      expect.objectContaining({ employee_number: '1009', personnummer: null, personnummer_input: '19820305-2398', personnummer_problem: 'invalid', personnummer_reason: 'checksum' }),
    );
  });

  test('a changed payslip is updated, and marked changed since delivery only if it had been delivered', async () => {
    const sb = sandbox();
    const env = { PAYSLIPS_LOCAL_RECIPIENTS: RECIPIENTS };
    const activate = await sb.run([
      'activate', '--org-number', '556677-8899', '--name', 'Ekbacken Bygg & Måleri AB', '--licence', 'on', '--send-payslips', 'on',
      '--active', 'on', '--print', 'off', '--retention-days', '0', '--apply-to-employees', 'no',
    ]);
    expect(activate.exitCode, String(activate.stderr)).toBe(0);
    expect((await sb.run(['sync', '--from', FIXTURE_JSON], { env })).exitCode).toBe(0);
    const send = await sb.run(['send', '--date', '2025-11-25', '--employees', '1001', '--yes', '--json'], { env, timeout: 60_000 });
    expect(send.exitCode, String(send.stderr)).toBe(0);

    const corrected = fixtureExport();
    // 1001's delivered November payslip gets a tax correction; 1002's unsent December one too.
    for (const [run, employee] of [['2025-11', '1001'], ['2025-12', '1002']] as const) {
      const payslip = payslipOf(corrected, run, employee);
      const tax = Number(payslip.tax) + 100;
      const net = Number(payslip.net_pay) - 100;
      payslip.tax = tax.toFixed(2);
      payslip.net_pay = net.toFixed(2);
    }
    const correctedPath = writeJsonExport(join(sb.dir, 'corrected'), corrected);
    const r = await sb.run(['sync', '--from', correctedPath, '--offline', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r)).toMatchObject({
      employees: { added: 0, updated: 0, unchanged: 10 },
      payRuns: { added: 0, updated: 0, unchanged: 3 },
      payslips: { added: 0, updated: 2, unchanged: 27, changedSinceDelivery: 1 },
      deliveryChanges: [{ payoutDate: '2025-11-25', status: 'final', changed: 1, finalNotSent: 0 }],
    });
    const human = await sb.run(['sync', '--from', correctedPath, '--offline']);
    expect(human.stdout).toContain('Payslips   0 added, 0 updated, 29 unchanged');
    // Still waiting: sync says so again, with the command that sends the correction.
    expect(human.stderr).toContain('1 delivered final payslip has changed since delivery (payout 2025-11-25). Send the correction with: payslips send --date 2025-11-25 --status final --changed');
    // The same in Swedish: the summary, the warnings and the correction waiting, no English left.
    const swedish = await sb.run(['sync', '--from', correctedPath, '--offline'], { env: { PAYSLIPS_LANG: 'sv' } });
    expect(swedish.exitCode, String(swedish.stderr)).toBe(0);
    expect(String(swedish.stdout).split('\n')).toEqual([
      'Anställda            0 nya, 0 ändrade, 10 oförändrade',
      'Lönekörningar        0 nya, 0 ändrade, 3 oförändrade',
      'Lönespecifikationer  0 nya, 0 ändrade, 29 oförändrade; 1 ändrad sedan leveransen',
      'Varningar            3',
    ]);
    expect(swedish.stderr).toContain(`Importerade ${correctedPath} (json) till Ekbacken Bygg & Måleri AB.`);
    expect(swedish.stderr).toMatch(/varning: .*payroll\.json:\d+: anställd 1008: personnummer: saknas; /);
    expect(swedish.stderr).toContain(
      'varning: 1 levererad definitiv lönespecifikation har ändrats sedan leveransen (utbetalningsdag 2025-11-25). Skicka rättelsen med: payslips send --date 2025-11-25 --status final --changed',
    );
    expect(String(swedish.stderr)).not.toMatch(/\b(warning|employee|delivered|Imported|missing)\b/);

    const payslips = importedData(sb.dbPath).payslips as Json[];
    const row = (run: string, employee: string) => payslips.find((p) => p.run_key === run && p.employee_number === employee);
    expect(row('2025-11', '1001')).toMatchObject({ tax_ore: 1_304_300, net_pay_ore: 2_615_700, delivered: 1 });
    expect(row('2025-12', '1002')).toMatchObject({ delivered: 0 });

    // What select shows: not sent again by a plain send, changed since delivery.
    const select = await sb.run(['select', '--date', '2025-11-25', '--employees', '1001', '--json'], { env });
    expect(select.exitCode, String(select.stderr)).toBe(0);
    expect(sb.json(select).items).toEqual([expect.objectContaining({ channel: 'skip', reason: 'changed_since_delivery' })]);

    // Putting the delivered figures back leaves nothing changed since delivery.
    const original = await sb.run(['sync', '--from', FIXTURE_JSON, '--offline', '--json']);
    expect(sb.json(original).payslips).toEqual({ added: 0, updated: 2, unchanged: 27, changedSinceDelivery: 0 });
    expect(sb.json(original).deliveryChanges).toEqual([]);
    const back = await sb.run(['select', '--date', '2025-11-25', '--employees', '1001', '--json'], { env });
    expect(sb.json(back).items).toEqual([expect.objectContaining({ channel: 'skip', reason: 'already_delivered' })]);
  });

  test('new employees get the export flags, else the company settings; flags set in the register survive re-imports', async () => {
    const sb = sandbox();
    const activate = await sb.run([
      'activate', '--org-number', '556677-8899', '--name', 'Ekbacken Bygg & Måleri AB', '--send-payslips', 'off', '--print', 'on',
      '--apply-to-employees', 'no',
    ]);
    expect(activate.exitCode, String(activate.stderr)).toBe(0);
    expect((await sb.run(['sync', '--from', FIXTURE_JSON, '--offline'])).exitCode).toBe(0);
    const flags = async () => {
      const list = await sb.run(['employees', 'list', '--json']);
      expect(list.exitCode, String(list.stderr)).toBe(0);
      return Object.fromEntries(
        sb.json(list).employees.map((e: Json) => [e.employeeNumber, `${e.kivra ? 'K' : '-'}${e.print ? 'P' : '-'}`]),
      ) as Record<string, string>;
    };
    // Company: send-payslips off, print on. The export sets print on 1003, 1004, 1007,
    // print off on 1006, and kivra off on 1010.
    expect(await flags()).toEqual({
      '1001': '-P', '1002': '-P', '1003': '-P', '1004': '-P', '1005': '-P',
      '1006': '--', '1007': '-P', '1008': '-P', '1009': '-P', '1010': '-P',
    });

    expect((await sb.run(['employees', 'set', '1001', '--kivra', 'on', '--print', 'off'])).exitCode).toBe(0);
    expect((await sb.run(['activate', '--send-payslips', 'on', '--print', 'off', '--apply-to-employees', 'no'])).exitCode).toBe(0);

    const next = fixtureExport();
    Object.assign(next.employees.find((e: Json) => e.employee_number === '1001'), { kivra: false, print: true });
    Object.assign(next.employees.find((e: Json) => e.employee_number === '1002'), { kivra: true });
    next.employees.push(
      { ...next.employees[0], employee_number: '1011', personnummer: '19121212-1212', first_name: 'Tolvan', kivra: undefined, print: undefined },
      { ...next.employees[0], employee_number: '1012', personnummer: null, first_name: 'Nyanställd', kivra: false, print: true },
    );
    const r = await sb.run(['sync', '--from', writeJsonExport(join(sb.dir, 'next'), next), '--offline', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r).employees).toEqual({ added: 2, updated: 1, unchanged: 9 });
    expect(await flags()).toMatchObject({
      // Changed in the register: the export's kivra off / print on is ignored.
      '1001': 'K-',
      // Never touched in the register: the export's flag applies.
      '1002': 'KP',
      // New: the company's current settings (send on, print off), or the export's flags.
      '1011': 'K-',
      '1012': '-P',
    });
  });

  test('the fixture company exercises every channel the demo shows: kivra, print, retain, skip and fail', async () => {
    const sb = sandbox();
    const env = { PAYSLIPS_LOCAL_RECIPIENTS: RECIPIENTS };
    const activate = await sb.run([
      'activate', '--org-number', '556677-8899', '--name', 'Ekbacken Bygg & Måleri AB', '--licence', 'on', '--environment', 'local',
      '--retention-days', '390', '--send-payslips', 'on', '--print', 'on', '--active', 'on', '--apply-to-employees', 'no',
    ]);
    expect(activate.exitCode, String(activate.stderr)).toBe(0);
    expect((await sb.run(['sync', '--from', FIXTURE_CSV], { env })).exitCode).toBe(0);
    const select = await sb.run(['select', '--date', '2025-11-25', '--json'], { env });
    expect(select.exitCode, String(select.stderr)).toBe(0);
    const channels = Object.fromEntries(sb.json(select).items.map((item: Json) => [item.employeeNumber, [item.channel, item.reason, item.warning]]));
    expect(channels).toEqual({
      '1001': ['kivra', 'has_mailbox', null],
      '1002': ['kivra', 'has_mailbox', null],
      '1003': ['print', 'print_no_mailbox', null],
      '1004': ['print', 'print_no_mailbox', null],
      '1005': ['kivra', 'has_mailbox', null],
      '1006': ['retain', 'retain_no_mailbox', null],
      '1007': ['retain', 'retain_no_mailbox', 'print_address_incomplete'],
      '1008': ['fail', 'missing_personnummer', null],
      '1009': ['fail', 'invalid_personnummer', null],
      '1010': ['skip', 'not_flagged_for_kivra', null],
    });
  });

  test('company details come from the export, but an export without an address keeps the one activate set', async () => {
    const sb = sandbox();
    const activate = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Exempel', '--street', 'Storgatan 1', '--postal-code', '111 22', '--city', 'Stockholm']);
    expect(activate.exitCode, String(activate.stderr)).toBe(0);
    const doc = baseExport();
    delete doc.company.address;
    const r = await sb.run(['sync', '--from', writeJsonExport(join(sb.dir, 'no-address'), doc), '--offline', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r).company).toEqual({ orgNumber: '5566778899', name: 'Exempel AB', result: 'updated' });
    expect(importedData(sb.dbPath).companies).toEqual([
      { org_number: '5566778899', name: 'Exempel AB', street: 'Storgatan 1', postal_code: '111 22', city: 'Stockholm', email: null, phone: null },
    ]);
  });
});
