import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { APPLICATION_ID } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations.js';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';
import { KEYS, runInPty } from '../helpers/pty.js';

/**
 * A bureau's colleague gets some clients only, and the rights follow Flex HRM's: the Kivra
 * flag, the print flag and sending are separate rights.
 */

const EKBACKEN = '556677-8899';
const ANDRA = '559999-9991';
const as = (operator: string, env: Record<string, string> = {}) => ({ env: { PAYSLIPS_USER: operator, ...env } });

let sb: Sandbox;
beforeAll(async () => {
  sb = createSandbox('anna');
  expect((await sb.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline'])).exitCode).toBe(0);
  expect((await sb.run(['activate', '--org-number', ANDRA, '--name', 'Andra AB'])).exitCode).toBe(0);
  for (const args of [
    ['users', 'add', 'eva', '--role', 'payroll', '--company', EKBACKEN],
    ['users', 'add', 'kim', '--role', 'payroll', '--without', 'print-flag', '--company', EKBACKEN],
    ['users', 'add', 'olle', '--role', 'payroll', '--without', 'send'],
    ['users', 'add', 'pia', '--role', 'admin', '--company', EKBACKEN],
  ]) {
    const r = await sb.run(args);
    expect(r.exitCode, String(r.stderr)).toBe(0);
  }
});
afterAll(() => sb?.cleanup());

describe('roles per company', () => {
  test('an operator with one client reads and syncs it, and is refused on another, which the refusal names', async () => {
    expect((await sb.run(['employees', 'list', '--company', EKBACKEN], as('eva'))).exitCode).toBe(0);
    expect((await sb.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline'], as('eva'))).exitCode).toBe(0);
    const other = await sb.run(['employees', 'list', '--company', ANDRA, '--json'], as('eva'));
    expect(other.exitCode).toBe(4);
    expect(sb.json(other).error).toMatchObject({
      code: 'permission_denied',
      message: 'Operator "eva" has no role for Andra AB (559999-9991), so may not read the register and logs there (missing right: read).',
      suggestion: 'An admin can give it: payslips users add eva --role viewer --company 559999-9991',
    });

    // Sync learns its company from the export: one for the other client is refused, nothing imported.
    const payroll = JSON.parse(readFileSync(join(REPO_ROOT, 'fixtures', 'payroll.json'), 'utf8')) as { company: { org_number: string; name: string } };
    payroll.company = { ...payroll.company, org_number: ANDRA, name: 'Andra AB' };
    const forAndra = join(sb.dir, 'andra.json');
    writeFileSync(forAndra, JSON.stringify(payroll));
    const sync = await sb.run(['sync', '--from', forAndra, '--offline'], as('eva'));
    expect(sync.exitCode).toBe(4);
    expect(sync.stderr).toContain('Operator "eva" has no role for Andra AB (559999-9991), so may not import payroll exports there (missing right: sync).');
    expect(sb.json(await sb.run(['employees', 'list', '--company', ANDRA, '--json'])).employees).toEqual([]);

    // Clearing every company's send locks is not a one-client operator's to do.
    expect((await sb.run(['doctor', '--fix'], as('eva'))).exitCode).toBe(4);
  });

  test('the Kivra flag without the print flag: --kivra works, --print is refused naming the right, and writes nothing', async () => {
    const kivra = await sb.run(['employees', 'set', '1001', '--kivra', 'off', '--company', EKBACKEN, '--json'], as('kim'));
    expect(kivra.exitCode, String(kivra.stderr)).toBe(0);
    const both = await sb.run(['employees', 'set', '1001', '--kivra', 'on', '--print', 'on', '--company', EKBACKEN], as('kim', { PAYSLIPS_LANG: 'sv' }));
    expect(both.exitCode).toBe(4);
    expect(both.stderr).toContain('Användaren ”kim” får inte ändra de anställdas printflagga (printhantering) för Ekbacken Bygg & Måleri AB (556677-8899)');
    expect(both.stderr).toContain('rättighet som saknas: printflagga; roll där: lönehandläggare (payroll) utan printflagga');
    const after = sb.json(await sb.run(['employees', 'list', '--company', EKBACKEN, '--json']));
    expect(after.employees.find((e: { employeeNumber: string }) => e.employeeNumber === '1001')).toMatchObject({ kivra: false });
  });

  test('send withheld: select is allowed, send is refused before anything else, and no job starts', async () => {
    expect((await sb.run(['select', '--date', 'latest', '--company', EKBACKEN], as('olle'))).exitCode).toBe(0);
    const send = await sb.run(['send', '--date', 'latest', '--yes', '--company', EKBACKEN, '--json'], as('olle'));
    expect(send.exitCode).toBe(4);
    expect(sb.json(send).error).toMatchObject({
      code: 'permission_denied',
      message: 'Operator "olle" may not send payslips for Ekbacken Bygg & Måleri AB (556677-8899) (missing right: send; role there: payroll without send).',
    });
    expect(sb.json(await sb.run(['log', '--company', EKBACKEN, '--json'])).jobs).toEqual([]);
  });

  test('users list shows who may do what where, in English and in Swedish; --json keeps codes', async () => {
    const en = await sb.run(['users', 'list']);
    expect(en.stdout).toMatch(/anna\s+every company\s+admin\s+read, sync, Kivra flag, print flag, send, settings, users/);
    expect(en.stdout).toMatch(/eva\s+Ekbacken Bygg & Måleri AB \(556677-8899\)\s+payroll\s+read, sync, Kivra flag, print flag, send/);
    expect(en.stdout).toMatch(/eva\s+other companies\s+—\s+nothing/);
    expect(en.stdout).toMatch(/kim\s+Ekbacken .*\s+payroll without print flag\s+read, sync, Kivra flag, send/);
    expect(en.stdout).toMatch(/olle\s+every company\s+payroll without send\s+read, sync, Kivra flag, print flag$/m);
    expect(en.stderr).toContain("A company's own role holds there instead of the role for every company.");

    const sv = await sb.run(['users', 'list', '--lang', 'sv']);
    expect(sv.stdout).toMatch(/Användare\s+Företag\s+Roll\s+Får/);
    expect(sv.stdout).toMatch(/eva\s+andra företag\s+—\s+ingenting/);
    expect(sv.stdout).toMatch(/olle\s+alla företag\s+lönehandläggare \(payroll\) utan skicka\s+läsa, importera, Kivra-flagga, printflagga$/m);
    expect(sv.stdout).not.toMatch(/\b(every|nothing|without|read)\b/);

    const json = sb.json(await sb.run(['users', 'list', '--json', '--lang', 'sv']));
    expect(json.operators.find((o: { name: string }) => o.name === 'kim')).toMatchObject({
      role: null,
      roles: [{ company: { orgNumber: '5566778899' }, role: 'payroll', without: ['print-flag'], rights: ['read', 'sync', 'kivra-flag', 'send'] }],
    });
  });

  test('users add without --company ignores PAYSLIPS_COMPANY; users remove --company takes one role away', async () => {
    const add = await sb.run(['users', 'add', 'vera', '--role', 'viewer', '--json'], { env: { PAYSLIPS_COMPANY: EKBACKEN } });
    expect(sb.json(add).roles).toEqual([{ company: null, role: 'viewer', without: [], rights: ['read'] }]);
    expect((await sb.run(['users', 'add', 'vera', '--role', 'payroll', '--company', `${EKBACKEN},${ANDRA}`])).exitCode).toBe(0);
    const removed = await sb.run(['users', 'remove', 'vera', '--company', ANDRA]);
    expect(removed.stderr).toContain('vera no longer has a role of their own for Andra AB (559999-9991).');
    expect(removed.stdout).toMatch(/vera\s+every other company\s+viewer\s+read/);
    const roles = sb.json(await sb.run(['users', 'list', '--json'])).operators.find((o: { name: string }) => o.name === 'vera').roles;
    expect(roles.map((r: { company: { orgNumber: string } | null; role: string }) => [r.company?.orgNumber ?? null, r.role])).toEqual([['5566778899', 'payroll'], [null, 'viewer']]);
  });
  test('users add --help names --without, the rights and what --company means here, in both languages', async () => {
    const en = String((await sb.run(['users', 'add', '--help'])).stdout);
    expect(en).toContain('--without <rights>');
    expect(en).toContain("kivra-flag (set employees' Kivra flag), print-flag (set employees' print flag)");
    expect(en).toContain('the role holds for those companies only, instead of the role for every company');
    const sv = String((await sb.run(['users', 'add', '--help', '--lang', 'sv'])).stdout);
    expect(sv).toContain('undanta rättigheter ur rollen');
    expect(sv).toContain('rollen gäller bara de företagen, i stället för rollen för alla företag');
    expect(sv).not.toContain('withhold');
  });

  test('--company names one company outside users add/remove; a repeated one is refused plainly', async () => {
    const r = await sb.run(['employees', 'list', '--company', EKBACKEN, '--company', ANDRA, '--lang', 'sv']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--company: kommandot arbetar med ett företag i taget, inte 556677-8899,559999-9991.');
    const en = await sb.run(['employees', 'list', '--company', `${EKBACKEN},${ANDRA}`, '--json']);
    expect(sb.json(en).error).toMatchObject({ code: 'invalid_option', message: '--company: this command works on one company at a time, not 556677-8899,559999-9991.' });
  });

  test('the wizard offers an admin of one client that client only, and no new company; Ctrl+C saves nothing', async () => {
    const before = sb.json(await sb.run(['activate', '--json', '--company', EKBACKEN]));
    const pty = runInPty(['activate'], { ...sb.env, PAYSLIPS_USER: 'pia', LANG: 'sv_SE.UTF-8' });
    await pty.expect('Företag');
    await pty.expect('Ekbacken Bygg & Måleri AB (556677-8899)');
    await new Promise((r) => setTimeout(r, 200));
    pty.send(KEYS.ctrlC);
    const { code, output } = await pty.exit();
    expect(code, output).toBe(130);
    expect(output).not.toContain('Andra AB');
    expect(output).not.toContain('Ett nytt företag');
    expect(output).toContain('Avbrutet: inget sparades.');
    expect(sb.json(await sb.run(['activate', '--json', '--company', EKBACKEN]))).toEqual(before);
    // Without the wizard, a new company is refused naming what is missing.
    const create = await sb.run(['activate', '--org-number', '556036-0793', '--name', 'Ny AB', '--json'], as('pia'));
    expect(create.exitCode).toBe(4);
    expect(sb.json(create).error.message).toBe('Operator "pia" may not change company settings for a new company (missing right: settings for every company).');
  });
});

describe('a database of schema 3', () => {
  test('keeps every operator\'s rights exactly: admin, payroll and viewer, for every company', async () => {
    const old = createSandbox('anna');
    try {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(old.dir, 'data'), { recursive: true, mode: 0o700 });
      const db = new Database(old.dbPath);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      for (const migration of migrations.slice(0, 3)) db.exec(migration);
      db.pragma('user_version = 3');
      db.exec(`INSERT INTO companies (org_number, name, created_at, updated_at) VALUES ('5566778899', 'Exempel AB', 't', 't');
        INSERT INTO employees (company_id, employee_number, first_name, last_name, created_at, updated_at) VALUES (1, '1', 'A', 'B', 't', 't');
        INSERT INTO operators (name, role, created_at, created_by) VALUES ('anna', 'admin', '2025-01-01', 'anna'), ('pelle', 'payroll', '2025-02-01', 'anna'), ('vera', 'viewer', '2025-03-01', 'anna');`);
      db.close();

      const list = old.json(await old.run(['users', 'list', '--json']));
      // What each role could do before, with the old "flags" right as the Kivra and print flag rights.
      expect(list.operators).toEqual([
        { name: 'anna', role: 'admin', createdAt: '2025-01-01', createdBy: 'anna', roles: [{ company: null, role: 'admin', without: [], rights: ['read', 'sync', 'kivra-flag', 'print-flag', 'send', 'settings', 'users'] }] },
        { name: 'pelle', role: 'payroll', createdAt: '2025-02-01', createdBy: 'anna', roles: [{ company: null, role: 'payroll', without: [], rights: ['read', 'sync', 'kivra-flag', 'print-flag', 'send'] }] },
        { name: 'vera', role: 'viewer', createdAt: '2025-03-01', createdBy: 'anna', roles: [{ company: null, role: 'viewer', without: [], rights: ['read'] }] },
      ]);
      expect((await old.run(['employees', 'set', '1', '--kivra', 'on', '--print', 'on'], as('pelle'))).exitCode).toBe(0);
      expect((await old.run(['employees', 'set', '1', '--print', 'off'], as('vera'))).exitCode).toBe(4);
      expect((await old.run(['activate', '--active', 'on'], as('pelle'))).exitCode).toBe(4);
      expect((await old.run(['users', 'add', 'nils', '--role', 'viewer'], as('anna'))).exitCode).toBe(0);
    } finally {
      old.cleanup();
    }
  });
});
