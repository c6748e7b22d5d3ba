import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { dropLocalTemplate, localMonthEnd, ORG, type MonthEnd } from '../helpers/month-end.js';
import { KEYS, runInPty } from '../helpers/pty.js';
import { seedEmployees } from '../helpers/seed.js';
import { baseExport, csvFiles, writeCsvExport } from '../import/support/exports.js';

/**
 * Text that would repaint the operator's terminal or hide a row (escape sequences, bells,
 * bidi overrides) is refused where it comes in from outside (options, PAYSLIPS_USER; the
 * import has its own tests in sync-bad-input), and whatever still reaches the terminal,
 * such as data an older version stored, is shown escaped, never as raw bytes.
 */

/** Any control or invisible formatting character other than the line breaks between lines of output. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;
/** A colour code of the palette (SGR: ESC [ digits m). */
// eslint-disable-next-line no-control-regex
const SGR = /\u001b\[\d+(?:;\d+)*m/g;

describe('refused where it comes in: exit 2, nothing written', () => {
  const sandboxes: Sandbox[] = [];
  const fresh = (): Sandbox => {
    const sb = createSandbox();
    sandboxes.push(sb);
    return sb;
  };
  afterAll(() => {
    for (const sb of sandboxes.splice(0)) sb.cleanup();
  });

  // The values are not in the test titles: they would do to the test runner's output what they are refused for.
  test.each([
    ['--name', 'an escape sequence', 'Exempel\u001b[2J AB', 'name', 'contains a control character (U+001B ESC)'],
    ['--street', 'a line break', 'Storgatan 1\nfail', 'street', 'contains a line break (U+000A LF)'],
    ['--city', 'a bidi override', 'Lund\u202e', 'city', 'contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)'],
    ['--postal-code', 'a bell', '111 22\u0007', 'postalCode', 'contains a control character (U+0007 BEL)'],
    ['--phone', 'a C1 control', '046-12 34 56\u009b', 'phone', 'contains a control character (U+009B CSI)'],
    ['--name', '201 characters', 'Å'.repeat(201), 'name', '201 characters; at most 200 are accepted'],
    ['--street', '201 characters', 'x'.repeat(201), 'street', '201 characters; at most 200 are accepted'],
    ['--postal-code', '21 characters', '1'.repeat(21), 'postalCode', '21 characters; at most 20 are accepted'],
    ['--city', '101 characters', 'L'.repeat(101), 'city', '101 characters; at most 100 are accepted'],
    ['--email', '255 characters', `${'e'.repeat(250)}@x.se`, 'email', '255 characters; at most 254 are accepted'],
    ['--phone', '51 characters', '0'.repeat(51), 'phone', '51 characters; at most 50 are accepted'],
  ])('activate %s with %s', async (option, _label, value, _field, message) => {
    const sb = fresh();
    const args = ['activate', '--org-number', '556677-8899', ...(option === '--name' ? [] : ['--name', 'Exempel AB']), option, value, '--json'];
    const r = await sb.run(args);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    // The option as typed, the value (cut short, escapes for the invisible) and what is wrong.
    expect(sb.json(r).error.code).toBe('invalid_option');
    expect(sb.json(r).error.message).toMatch(new RegExp(`^${option}: ".*" ${/^\d/.test(message) ? 'is ' : ''}${message.replace(/[()+]/g, '\\$&')}\\.$`));
    expect(existsSync(sb.dbPath)).toBe(false);
  });

  test('activate: company details at their caps are accepted', async () => {
    const sb = fresh();
    const r = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Å'.repeat(200), '--postal-code', '1'.repeat(20), '--city', '😀'.repeat(100), '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(sb.json(r).company.address.city).toBe('😀'.repeat(100));
  });

  test.each([
    ['a bell', 'bo\u0007b', 'contains a control character (U+0007 BEL)'],
    ['a bidi override', '\u202ebob', 'contains an invisible formatting character (U+202E RIGHT-TO-LEFT OVERRIDE)'],
    ['101 characters', 'b'.repeat(101), '101 characters; at most 100 are accepted'],
  ])('users add: a name with %s', async (_label, name, message) => {
    const sb = fresh();
    expect((await sb.run(['users', 'add', 'anna', '--role', 'admin'])).exitCode).toBe(0);
    const r = await sb.run(['users', 'add', name, '--role', 'viewer', '--json']);
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error.message).toBe(`Operator name: ${message}.`);
    expect(sb.json(await sb.run(['users', 'list', '--json'])).operators.map((o: { name: string }) => o.name)).toEqual(['anna']);
  });

  test.each([
    ['an escape sequence', 'anna\u001b[8m', 'contains a control character (U+001B ESC)'],
    ['101 characters', 'a'.repeat(101), '101 characters; at most 100 are accepted'],
  ])('PAYSLIPS_USER with %s', async (_label, operator, message) => {
    const sb = fresh();
    const r = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Exempel AB', '--json'], { env: { PAYSLIPS_USER: operator } });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'invalid_environment', message: `PAYSLIPS_USER: ${message}.` });
    expect(existsSync(sb.dbPath)).toBe(false);
  });
});

describe('shown escaped where it reaches the terminal', () => {
  let sb: MonthEnd;
  let jobId: number;
  beforeAll(async () => {
    sb = await localMonthEnd();
    // As an older version would have stored them: straight into the database.
    seedEmployees(sb.dbPath, ORG, [{ employeeNumber: '9001', firstName: 'Ond\u001b[2J\u0007', lastName: '\u202eredaeh' }]);
    const send = await sb.run(['send', '--date', '2025-11-25', '--yes', '--json']);
    expect(send.exitCode, String(send.stderr)).toBe(3);
    jobId = sb.json(send).jobId as number;
    const db = openDatabase(sb.dbPath);
    try {
      db.prepare("UPDATE employees SET first_name = 'Åsa\u001b[2J', last_name = 'Ekström\u0007\u202e' WHERE employee_number = '1001'").run();
      db.prepare("UPDATE companies SET name = 'Ekbacken\u001b[31m AB'").run();
      db.prepare('UPDATE send_jobs SET operator = ?').run('anna\u001b[8m');
      db.prepare("UPDATE send_items SET error_code = 'x', error_message = ? WHERE state = 'failed'").run('Kivra says\u001b]0;pwned\u0007\r\u2028 no');
    } finally {
      db.close();
    }
  });
  afterAll(() => {
    sb?.cleanup();
    dropLocalTemplate();
  });

  const NAME_1001 = 'Åsa\\x1b[2J Ekström\\x07\\u202e';

  test('employees list', async () => {
    const r = await sb.run(['employees', 'list']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const stdout = String(r.stdout);
    expect(stdout).toContain(NAME_1001);
    expect(stdout).toContain('Ond\\x1b[2J\\x07 \\u202eredaeh');
    expect(stdout).not.toMatch(RAW_CONTROL);
  });

  test('select', async () => {
    const r = await sb.run(['select', '--date', '2025-11-25']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain(NAME_1001);
    expect(String(r.stdout)).not.toMatch(RAW_CONTROL);
  });

  test('log and log <job>: names, the operator and Kivra\'s message', async () => {
    const list = await sb.run(['log']);
    expect(list.exitCode, String(list.stderr)).toBe(0);
    expect(String(list.stdout)).toContain('anna\\x1b[8m');
    const r = await sb.run(['log', String(jobId)]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain(NAME_1001);
    expect(String(r.stdout)).toContain('x Kivra says\\x1b]0;pwned\\x07\\r\\u2028 no');
    expect(String(r.stderr)).toContain('by anna\\x1b[8m,');
    expect(String(r.stdout) + String(r.stderr)).not.toMatch(RAW_CONTROL);
  });

  test('in colour, too: the colours are the palette\'s, the data is escaped', async () => {
    const r = await sb.run(['select', '--date', '2025-11-25'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const stdout = String(r.stdout);
    expect(stdout).toContain(NAME_1001);
    // Colour codes are there, and nothing else that is a control.
    expect(stdout.match(SGR)?.length).toBeGreaterThan(0);
    expect(stdout.replace(SGR, '')).not.toMatch(RAW_CONTROL);
  });

  test('messages built from data: the company name in a refusal', async () => {
    const list = await sb.run(['employees', 'list', '--company', '556036-0793']);
    expect(list.exitCode).toBe(2);
    expect(String(list.stderr)).toContain('known: 5566778899 Ekbacken\\x1b[31m AB');
    expect(String(list.stderr)).not.toMatch(RAW_CONTROL);
  });

  test('problem lines of a refused import quote what the export holds, escaped', async () => {
    const files = csvFiles(baseExport());
    files['payslips.csv'] = files['payslips.csv']!.replace('\n2025-11,1002,', '\n2025-11\u202e\u001b[2J,1002,');
    const from = writeCsvExport(join(sb.dir, 'hostile-csv'), files);
    const r = await sb.run(['sync', '--from', from]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain(`${join(from, 'payslips.csv')}:3: pay_run_id: unknown pay run "2025-11\\u202e\\u001b[2J" (not in pay_runs.csv)`);
    expect(String(r.stderr)).not.toMatch(RAW_CONTROL);
  });

  test('the activate wizard lists stored company names escaped', async () => {
    const pty = runInPty(['activate'], sb.env);
    await pty.expect('Company');
    await pty.expect('Ekbacken\\x1b[31m AB (556677-8899)');
    pty.send(KEYS.ctrlC);
    expect((await pty.exit()).code).toBe(130);
  });
});

test('a hostile file name given to --from is shown escaped', async () => {
  const sb = createSandbox();
  try {
    const dir = join(sb.dir, 'bad\u001b[2Jdir');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'payroll.json'), '{');
    const r = await sb.run(['sync', '--from', join(dir, 'payroll.json')]);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain('bad\\x1b[2Jdir');
    expect(String(r.stderr)).not.toMatch(RAW_CONTROL);
  } finally {
    sb.cleanup();
  }
});
