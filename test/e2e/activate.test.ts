import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { KEYS, runInPty } from '../helpers/pty.js';
import Database from 'better-sqlite3';
import { seedEmployees } from '../helpers/seed.js';

const ORG = '556677-8899';
const SECRET = 'kivra-secret-Zq08rF5fjQttd6fT';
let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** Every row of every table: "nothing at all was written" compares two of these. */
function snapshot(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all() as string[];
    return JSON.stringify(tables.map((name) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

const CONTACT = ['--email', 'lon@exempel.example', '--phone', '08-123 45 67'];
const createCompany = (extra: string[] = []) =>
  sb.run(['activate', '--org-number', ORG, '--name', 'Exempel AB', '--street', 'Storgatan 1', '--postal-code', '111 22', '--city', 'Stockholm', ...CONTACT, ...extra]);

describe('activate with flags', () => {
  test('creates a company, reports what is missing to send, and keeps the database owner-only', async () => {
    sb = createSandbox();
    const created = await createCompany(['--json']);
    expect(created.exitCode).toBe(0);
    const out = sb.json(created);
    expect(out.created).toBe(true);
    expect(out.company.orgNumber).toBe('5566778899');
    expect(out.readyToSend).toBe(false);
    expect(out.blockers.map((b: { code: string }) => b.code)).toEqual(['licence_off', 'link_inactive', 'send_payslips_off']);

    const ready = await sb.run(['activate', '--licence', 'on', '--send-payslips', 'on', '--active', 'on', '--retention-days', '390', '--json']);
    expect(ready.exitCode).toBe(0);
    expect(sb.json(ready)).toMatchObject({ readyToSend: true, company: { settings: { licence: true, active: true, retentionDays: 390, environment: 'local' } } });

    expect(statSync(sb.dbPath).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(sb.dbPath)).mode & 0o777).toBe(0o700);
  });

  test("without the employer's e-mail and telephone it is not ready: Kivra's salaryslip needs them and nothing is made up", async () => {
    sb = createSandbox();
    const r = await sb.run(['activate', '--org-number', ORG, '--name', 'Exempel AB', '--street', 'Storgatan 1', '--city', 'Stockholm', '--licence', 'on', '--send-payslips', 'on', '--active', 'on', '--json']);
    expect(r.exitCode).toBe(0);
    const out = sb.json(r);
    expect(out.readyToSend).toBe(false);
    expect(out.blockers).toEqual([
      expect.objectContaining({
        code: 'employer_details_missing',
        message: "the employer's postal code, e-mail address and telephone number are missing, and Kivra's salaryslip requires them",
        fix: expect.stringContaining('payslips activate --postal-code <postal code> --email <e-mail address> --phone <telephone number>'),
      }),
    ]);
    const human = await sb.run(['activate']);
    expect(human.stderr).toContain("the employer's postal code, e-mail address and telephone number are missing");
    const fixed = await sb.run(['activate', '--postal-code', '111 22', '--email', 'lon@exempel.example', '--phone', '08-123 45 67', '--json']);
    expect(sb.json(fixed)).toMatchObject({ readyToSend: true, blockers: [] });
  });

  test('human output goes to stdout as a summary, messages to stderr', async () => {
    sb = createSandbox();
    const r = await createCompany(['--licence', 'on']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Licence         on');
    expect(r.stderr).toContain('Created Exempel AB (556677-8899)');
    expect(r.stderr).toContain('the program link is not active: payslips activate --active on');
  });

  test('credentials come from the environment and never reach the database', async () => {
    sb = createSandbox();
    const env = { KIVRA_CLIENT_ID: 'client-1', KIVRA_CLIENT_SECRET: SECRET };
    const r = await sb.run(
      ['activate', '--org-number', ORG, '--name', 'Exempel AB', '--street', 'Storgatan 1', '--postal-code', '111 22', '--city', 'Stockholm', ...CONTACT, '--licence', 'on', '--environment', 'sandbox', '--tenant-key', '155748793356fa20e402ae472e51019cf723d7fe35', '--send-payslips', 'on', '--active', 'on', '--json'],
      { env },
    );
    expect(r.exitCode).toBe(0);
    expect(sb.json(r).readyToSend).toBe(true);
    expect(String(r.stdout) + String(r.stderr)).not.toContain(SECRET);
    expect(readFileSync(sb.dbPath).includes(Buffer.from(SECRET))).toBe(false);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(sb.dbPath + suffix)) expect(readFileSync(sb.dbPath + suffix).includes(Buffer.from(SECRET))).toBe(false);
    }
    const without = await sb.run(['activate', '--json']);
    expect(sb.json(without).blockers.map((b: { code: string }) => b.code)).toEqual(['credentials_missing']);
  });

  test('refuses plain http off loopback and writes nothing', async () => {
    sb = createSandbox();
    const r = await createCompany(['--api-url', 'http://192.168.1.20:8080', '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'invalid_api_url' });
    // Nothing written: not even a database file.
    expect(existsSync(sb.dbPath)).toBe(false);
    const list = await sb.run(['employees', 'list', '--json']);
    expect(list.exitCode).toBe(2);
    expect(sb.json(list).error.code).toBe('database_missing');
  });

  test('a template directory is checked at once and stored as an absolute path', async () => {
    sb = createSandbox();
    const templateDir = join(sb.dir, 'mall');
    cpSync(join(REPO_ROOT, 'templates', 'default'), templateDir, { recursive: true });
    const created = await sb.run(['activate', '--org-number', ORG, '--name', 'Exempel AB', '--template-dir', 'mall', '--json'], { cwd: sb.dir });
    expect(created.exitCode).toBe(0);
    expect(sb.json(created).company.settings.templateDir).toBe(templateDir);

    writeFileSync(join(templateDir, 'template.json'), '{ "labels": ');
    const broken = await sb.run(['activate', '--template-dir', templateDir, '--name', 'Nytt Namn AB', '--json']);
    expect(broken.exitCode).toBe(2);
    expect(sb.json(broken).error.message).toContain(`${templateDir}/template.json is not valid JSON`);
    const after = await sb.run(['activate', '--json']);
    expect(sb.json(after).company.name).toBe('Exempel AB');
  });

  test('accepts https and http on loopback as the API URL', async () => {
    sb = createSandbox();
    expect((await createCompany(['--api-url', 'http://127.0.0.1:9999/'])).exitCode).toBe(0);
    const r = await sb.run(['activate', '--api-url', 'https://kivra.example.test', '--json']);
    expect(sb.json(r).company.settings.apiUrl).toBe('https://kivra.example.test');
  });

  test('invalid values are usage errors (exit 2) with a JSON error document', async () => {
    sb = createSandbox();
    const badChoice = await createCompany(['--retention-days', '60', '--json']);
    expect(badChoice.exitCode).toBe(2);
    expect(sb.json(badChoice).error.code).toBe('usage');
    expect(badChoice.stderr).toContain('--retention-days');
    const badOrg = await sb.run(['activate', '--org-number', '55667', '--name', 'X', '--json']);
    expect(badOrg.exitCode).toBe(2);
    expect(sb.json(badOrg).error.message).toContain('--org-number');
    const badCheckDigit = await sb.run(['activate', '--org-number', '556677-8890', '--name', 'X', '--json']);
    expect(badCheckDigit.exitCode).toBe(2);
    expect(sb.json(badCheckDigit).error.message).toBe('--org-number: "556677-8890" is not a valid organisationsnummer: the check digit is wrong.');
    expect(existsSync(sb.dbPath)).toBe(false);
  });

  test('a tenant key not of Kivra\'s form is refused (exit 2) and nothing is written; blank clears it', async () => {
    sb = createSandbox();
    expect((await createCompany()).exitCode).toBe(0);
    const good = '155748793356fa20e402ae472e51019cf723d7fe35';
    // Too short, upper case, 42 characters without the leading time, a key with a space.
    for (const key of ['12345', good.toUpperCase(), `abcdefghij${good.slice(10)}`, `${good.slice(0, 41)} `.padEnd(43, 'x')]) {
      const r = await sb.run(['activate', '--tenant-key', key, '--json']);
      expect(r.exitCode, key).toBe(2);
      expect(sb.json(r).error).toMatchObject({ code: 'invalid_option' });
      expect(sb.json(r).error.message).toContain('--tenant-key');
      expect(sb.json(r).error.message).toContain('a tenant key is 42 characters: 10 digits and 32 lowercase hex characters, as Kivra gave it');
    }
    expect(sb.json(await sb.run(['activate', '--json'])).company.settings.tenantKey).toBeNull();
    expect(sb.json(await sb.run(['activate', '--tenant-key', ` ${good} `, '--json'])).company.settings.tenantKey).toBe(good);
    expect(sb.json(await sb.run(['activate', '--tenant-key', '', '--json'])).company.settings.tenantKey).toBeNull();
  });

  test('--email and --phone must be what the salaryslip can carry; name and address are bounded (exit 2, nothing written)', async () => {
    sb = createSandbox();
    const refused = async (args: string[], option: string, problem: string): Promise<void> => {
      const r = await sb.run(['activate', ...args, '--json']);
      expect(r.exitCode, args.join(' ')).toBe(2);
      expect(sb.json(r).error).toMatchObject({ code: 'invalid_option' });
      expect(sb.json(r).error.message).toMatch(new RegExp(`^${option}: ".*" ${problem}`));
    };
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--email', 'lon.exempel.se'], '--email', 'is not an e-mail address');
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--email', 'lön@exempel'], '--email', 'is not an e-mail address');
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--phone', 'ring växeln'], '--phone', "is not a telephone number Kivra accepts");
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--phone', '+0 8 123'], '--phone', "is not a telephone number Kivra accepts");
    await refused(['--org-number', ORG, '--name', 'X'.repeat(100_000)], '--name', 'is 100000 characters; at most 200 are accepted');
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--street', 'S'.repeat(201)], '--street', 'is 201 characters; at most 200 are accepted');
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--postal-code', '1'.repeat(21)], '--postal-code', 'is 21 characters; at most 20 are accepted');
    await refused(['--org-number', ORG, '--name', 'Exempel AB', '--city', 'Stock\nholm'], '--city', 'contains a line break');
    expect(existsSync(sb.dbPath)).toBe(false);

    const ok = await createCompany(['--email', 'lon@exempel.se', '--phone', '(08) 123 45 67', '--json']);
    expect(ok.exitCode, String(ok.stdout)).toBe(0);
    expect(sb.json(ok).company).toMatchObject({ email: 'lon@exempel.se', phone: '(08) 123 45 67' });
    const cleared = await sb.run(['activate', '--email', '', '--phone', '', '--json']);
    expect(sb.json(cleared).company).toMatchObject({ email: null, phone: null });
  });

  test.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/'])('--api-url %s is refused with what is allowed, not "null"', async (url) => {
    sb = createSandbox();
    const r = await createCompany(['--api-url', url, '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error.code).toBe('invalid_api_url');
    expect(sb.json(r).error.message).toBe(`--api-url must be https://…, or http:// on loopback (127.0.0.1, localhost, ::1): a ${new URL(url).protocol} URL is refused.`);
  });

  test('several companies need --company; PAYSLIPS_COMPANY picks one', async () => {
    sb = createSandbox();
    await createCompany();
    await sb.run(['activate', '--org-number', '559999-9991', '--name', 'Andra AB']);
    const ambiguous = await sb.run(['employees', 'list', '--json']);
    expect(ambiguous.exitCode).toBe(2);
    expect(sb.json(ambiguous).error.code).toBe('company_ambiguous');
    const picked = await sb.run(['employees', 'list', '--json'], { env: { PAYSLIPS_COMPANY: '5599999991' } });
    expect(picked.exitCode).toBe(0);
    expect(sb.json(picked).company.name).toBe('Andra AB');
  });
});

describe('applying send-payslips and print to the register', () => {
  const employees = [{ employeeNumber: '1' }, { employeeNumber: '2', kivra: true }, { employeeNumber: '3' }];

  test('without a terminal and without --yes the question is refused and nothing changes', async () => {
    sb = createSandbox();
    await createCompany();
    seedEmployees(sb.dbPath, '5566778899', employees);
    const r = await sb.run(['activate', '--send-payslips', 'on', '--json']);
    expect(r.exitCode).toBe(4);
    expect(sb.json(r).error).toMatchObject({ code: 'answer_required' });
    expect(sb.json(r).error.suggestion).toContain('--apply-to-employees');
    const after = sb.json(await sb.run(['activate', '--json']));
    expect(after.company.settings.sendPayslips).toBe(false);
  });

  test('--apply-to-employees yes sets the flag on everyone; no leaves the register alone', async () => {
    sb = createSandbox();
    await createCompany();
    seedEmployees(sb.dbPath, '5566778899', employees);
    const no = await sb.run(['activate', '--send-payslips', 'on', '--apply-to-employees', 'no', '--json']);
    expect(sb.json(no).employeesUpdated).toBe(0);
    const kivraOn = sb.json(await sb.run(['employees', 'list', '--kivra', 'on', '--json']));
    expect(kivraOn.employees.map((e: { employeeNumber: string }) => e.employeeNumber)).toEqual(['2']);

    const yes = await sb.run(['activate', '--print', 'on', '--apply-to-employees', 'yes', '--json']);
    expect(sb.json(yes).employeesUpdated).toBe(3);
    const printOn = sb.json(await sb.run(['employees', 'list', '--print', 'on', '--json']));
    expect(printOn.employees).toHaveLength(3);
    const audit = await sb.run(['log', '--audit']);
    expect(audit.stdout).toContain('applied to 3 employees');
  });

  test('--yes does not answer it: exit 4 naming --apply-to-employees, and nothing at all is written', async () => {
    sb = createSandbox();
    await createCompany();
    seedEmployees(sb.dbPath, '5566778899', employees);
    const before = snapshot(sb.dbPath);
    const r = await sb.run(['activate', '--send-payslips', 'on', '--print', 'on', '--name', 'Nytt Namn AB', '--yes']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('Changing send payslips on and print handling on asks whether to apply it to all 3 employees in the register, and --yes does not answer that. Nothing was changed.');
    expect(r.stderr).toContain('--apply-to-employees yes');
    expect(r.stderr).toContain('--apply-to-employees no');
    expect(snapshot(sb.dbPath)).toEqual(before);

    const sv = await sb.run(['activate', '--print', 'on', '--json'], { env: { PAYSLIPS_LANG: 'sv' } });
    expect(sv.exitCode).toBe(4);
    expect(sb.json(sv).error).toMatchObject({ code: 'answer_required', suggestion: expect.stringContaining('--apply-to-employees yes') });
    expect(sb.json(sv).error.message).toContain('printhantering till på');
    expect(sb.json(sv).error.message).toContain('Inget ändrades.');
    expect(snapshot(sb.dbPath)).toEqual(before);

    const yes = await sb.run(['activate', '--send-payslips', 'on', '--apply-to-employees', 'yes', '--yes', '--json']);
    expect(yes.exitCode).toBe(0);
    expect(sb.json(yes).employeesUpdated).toBe(3);
  });
});

describe('the activate wizard on a terminal', () => {
  test('sets up a company step by step and remembers credentials in an owner-only file, not the database', async () => {
    sb = createSandbox();
    const pty = runInPty(['activate'], sb.env);
    await pty.answer('Organisationsnummer', '556677-8899');
    await pty.answer('Company name', 'X'.repeat(201));
    await pty.expect('This is 201 characters; at most 200 are accepted.');
    pty.send('\u0015');
    await pty.answer('Company name', 'Exempel AB');
    await pty.answer('Street address', 'Storgatan 1');
    await pty.answer('Postal code', '111 22');
    await pty.answer('City', 'Stockholm');
    await pty.answer('E-mail', 'lon@exempel.example');
    await pty.answer('Telephone', '08-123 45 67');
    await pty.answer('Licence', 'y');
    await pty.expect('Kivra environment');
    pty.send(KEYS.down);
    await pty.answer('sandbox', '');
    // A key of another form is asked again, with the reason.
    await pty.answer('Tenant key', '155748793356FA20E402AE472E51019CF723D7FE35');
    await pty.expect('a tenant key is 42 characters: 10 digits and 32 lowercase hex characters');
    // The refused answer is still in the field: clear it before typing the right one.
    pty.send('\u0015');
    await pty.answer('Tenant key', '155748793356fa20e402ae472e51019cf723d7fe35');
    await pty.answer('Retroactive delivery', '');
    await pty.answer('Content type', '');
    await pty.answer('Send payslips', 'y');
    await pty.answer('Print handling', 'n');
    await pty.answer('Activate the program link', 'y');
    await pty.answer('Enter them now', 'y');
    await pty.answer('client id', 'client-1');
    await pty.answer('client secret', SECRET);
    await pty.answer('Save?', 'y');
    await pty.answer('Test the connection to Kivra now', 'n');
    const { code, output } = await pty.exit();
    expect(code, output).toBe(0);
    expect(output).toContain('Ready to send payslips.');
    expect(output).not.toContain(SECRET);

    const shown = sb.json(await sb.run(['activate', '--json']));
    expect(shown.company).toMatchObject({ name: 'Exempel AB', address: { street: 'Storgatan 1', postalCode: '111 22', city: 'Stockholm' }, email: 'lon@exempel.example', phone: '08-123 45 67' });
    expect(shown.company.settings).toMatchObject({ environment: 'sandbox', tenantKey: '155748793356fa20e402ae472e51019cf723d7fe35', retentionDays: 390, contentType: 'salaryslip', sendPayslips: true, printHandling: false, active: true });
    expect(shown.readyToSend).toBe(true);

    const credentials = `${sb.env.XDG_CONFIG_HOME}/payslips/credentials.json`;
    expect(statSync(credentials).mode & 0o777).toBe(0o600);
    expect(readFileSync(credentials, 'utf8')).toContain(SECRET);
    expect(readFileSync(sb.dbPath).includes(Buffer.from(SECRET))).toBe(false);
  });

  test('a symbolic link where the credentials file goes is refused (exit 2) before any setting changes', async () => {
    sb = createSandbox();
    const elsewhere = join(sb.dir, 'dotfiles-credentials.json');
    writeFileSync(elsewhere, '{"version":1,"companies":{}}');
    const credentials = join(sb.env.XDG_CONFIG_HOME!, 'payslips', 'credentials.json');
    mkdirSync(dirname(credentials), { recursive: true });
    symlinkSync(elsewhere, credentials);
    const pty = runInPty(['activate'], sb.env);
    await pty.answer('Organisationsnummer', '556677-8899');
    await pty.answer('Company name', 'Exempel AB');
    await pty.answer('Street address', '');
    await pty.answer('Postal code', '');
    await pty.answer('City', '');
    await pty.answer('E-mail', '');
    await pty.answer('Telephone', '');
    await pty.answer('Licence', 'y');
    await pty.expect('Kivra environment');
    pty.send(KEYS.down);
    await pty.answer('sandbox', '');
    await pty.answer('Tenant key', '155748793356fa20e402ae472e51019cf723d7fe35');
    await pty.answer('Retroactive delivery', '');
    await pty.answer('Content type', '');
    await pty.answer('Send payslips', 'y');
    await pty.answer('Print handling', 'n');
    await pty.answer('Activate the program link', 'y');
    await pty.answer('Enter them now', 'y');
    await pty.answer('client id', 'client-1');
    await pty.answer('client secret', SECRET);
    const { code, output } = await pty.exit();
    expect(code, output).toBe(2);
    // Refused before the summary: nothing was asked to be saved, and nothing was.
    expect(output).not.toContain('Save?');
    expect(output).toContain(`${credentials} is a symbolic link`);
    expect(readFileSync(elsewhere, 'utf8')).toBe('{"version":1,"companies":{}}');
    expect(lstatSync(credentials).isSymbolicLink()).toBe(true);
    // Not even the database was created.
    expect(existsSync(sb.dbPath)).toBe(false);
  });

  test('the tenant key is judged as it is typed; a summary comes before saving; Ctrl+C there saves nothing, not even a database', async () => {
    sb = createSandbox();
    const pty = runInPty(['activate'], sb.env);
    await pty.answer('Organisationsnummer', '556677-8899');
    await pty.answer('Company name', 'Exempel AB');
    for (const [prompt, typed] of [['Street address', 'Storgatan 1'], ['Postal code', '111 22'], ['City', 'Stockholm'], ['E-mail', 'lon@exempel.example'], ['Telephone', '08-123 45 67']]) {
      await pty.answer(prompt!, typed!);
    }
    await pty.answer('Licence', 'y');
    await pty.answer('Kivra environment', '');
    await pty.expect('Tenant key');
    // Before Enter: what is wrong shows beside the key, character by character.
    pty.send('155748793');
    await pty.expect('9 of 42 characters');
    pty.send('356FA');
    await pty.expect("✘ lowercase only: Kivra's tenant keys have no capitals");
    pty.send('\u0015');
    pty.send('155748793356fa20e402ae472e51019cf723d7fe35');
    await pty.expect('✔ the form of a tenant key');
    pty.send(KEYS.enter);
    await pty.answer('Retroactive delivery', '');
    await pty.answer('Content type', '');
    await pty.answer('Send payslips', 'y');
    await pty.answer('Print handling: make a PDF of the payslips of employees without a Kivra mailbox, for you to print and post?', 'y');
    await pty.answer('Activate the program link', 'y');
    await pty.expect('This will create Exempel AB (556677-8899):');
    await pty.expect('Print handling  on: a PDF of the payslips of employees without a Kivra mailbox, for you to print and post');
    await pty.expect('Save?');
    pty.send(KEYS.ctrlC);
    const { code, output } = await pty.exit();
    expect(code, output).toBe(130);
    expect(output).toContain('Interrupted: nothing was saved.');
    expect(output).not.toContain('What was done so far is kept');
    expect(existsSync(sb.dbPath)).toBe(false);
  });
});

describe('the wizard after saving, and in Swedish', () => {
  test('an existing company: the summary shows what changes and what it was; Ctrl+C at the connection test says what was saved', async () => {
    sb = createSandbox();
    expect((await createCompany()).exitCode).toBe(0);
    seedEmployees(sb.dbPath, '5566778899', [{ employeeNumber: '1' }, { employeeNumber: '2' }, { employeeNumber: '3' }]);
    const pty = runInPty(['activate'], sb.env);
    await pty.answer('Company', '');
    for (const prompt of ['Company name', 'Street address', 'Postal code', 'City', 'E-mail', 'Telephone']) await pty.answer(prompt, '');
    await pty.answer('Licence', 'y');
    await pty.answer('Kivra environment', '');
    await pty.answer('Tenant key', '');
    await pty.answer('Retroactive delivery', '');
    await pty.answer('Content type', '');
    await pty.answer('Send payslips', 'n');
    await pty.answer('Print handling', 'y');
    await pty.answer('Activate the program link', 'n');
    await pty.answer('Apply print handling on to all 3 employees in the register?', 'n');
    await pty.expect('This will be saved for Exempel AB (556677-8899):');
    await pty.expect('Licence         on  (was off)');
    await pty.expect('Print handling  on: a PDF of the payslips of employees without a Kivra mailbox, for you to print and post  (was off)');
    await pty.expect('The employees in the register keep their own flags.');
    await pty.answer('Save?', 'y');
    await pty.expect('Updated Exempel AB (556677-8899): licence, print handling.');
    await pty.expect('Test the connection to Kivra now');
    pty.send(KEYS.ctrlC);
    const { code, output } = await pty.exit();
    expect(code, output).toBe(130);
    expect(output).toContain('Interrupted: the settings of Exempel AB (556677-8899) are saved; the connection test did not run.');
    expect(output).toContain('Test the connection later with payslips activate --check.');
    const after = sb.json(await sb.run(['activate', '--json']));
    expect(after.company.settings).toMatchObject({ licence: true, printHandling: true, sendPayslips: false });
    expect(sb.json(await sb.run(['employees', 'list', '--print', 'on', '--json'])).employees).toEqual([]);
  });

  test('på svenska: avsändaridentiteten bedöms medan den skrivs, sammanfattning före sparande, sedan anslutningstestet', async () => {
    sb = createSandbox();
    const pty = runInPty(['activate'], { ...sb.env, LANG: 'sv_SE.UTF-8' });
    await pty.answer('Organisationsnummer', '556677-8899');
    await pty.answer('Företagets namn', 'Exempel AB');
    for (const [prompt, typed] of [['Gatuadress', 'Storgatan 1'], ['Postnummer', '111 22'], ['Ort', 'Stockholm'], ['E-post', 'lon@exempel.example'], ['Telefon', '08-123 45 67']]) {
      await pty.answer(prompt!, typed!);
    }
    await pty.answer('Licens', 'j');
    await pty.answer('Kivra-miljö', '');
    await pty.expect('Avsändaridentitet (tenant key');
    pty.send('15574879x');
    await pty.expect('✘ de första 10 tecknen är siffror');
    pty.send(KEYS.enter);
    await pty.expect('en avsändaridentitet (tenant key) är 42 tecken: 10 siffror och 32 hexadecimala gemener');
    pty.send('\u0015');
    await pty.answer('Avsändaridentitet', '155748793356fa20e402ae472e51019cf723d7fe35');
    await pty.answer('Retroaktiv leverans', '');
    await pty.answer('Innehållstyp', '');
    await pty.answer('Skicka lönespecifikationer till Kivra?', 'j');
    await pty.answer('Printhantering: göra en PDF med lönespecifikationerna för anställda utan brevlåda i Kivra', 'n');
    await pty.answer('Aktivera programkopplingen', 'j');
    await pty.expect('Det här läggs upp för Exempel AB (556677-8899):');
    await pty.expect('Retroaktiv leverans         390 dagar');
    await pty.expect('Printhantering              av');
    await pty.answer('Spara?', 'j');
    await pty.expect('Exempel AB (556677-8899) är upplagt.');
    await pty.expect('Klart att skicka lönespecifikationer.');
    await pty.answer('Testa anslutningen till Kivra nu', 'j');
    const { code, output } = await pty.exit();
    expect(code, output).toBe(0);
    expect(output).toContain('Ansluten till Kivra (lokal emulator, http://127.0.0.1:');
    expect(output).not.toMatch(/Company name|Save\?|Connected|Created|Ready to send|This will|navigate|\(Y\/n\)|Yes/);
    expect(output).toContain('↑↓ flytta • ⏎ välj');
    expect(sb.json(await sb.run(['activate', '--json'])).company.settings).toMatchObject({ tenantKey: '155748793356fa20e402ae472e51019cf723d7fe35', sendPayslips: true, active: true });
  });
});
