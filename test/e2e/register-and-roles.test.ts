import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { seedEmployees } from '../helpers/seed.js';

let sb: Sandbox;
afterEach(() => sb?.cleanup());

async function companyWithEmployees(): Promise<void> {
  sb = createSandbox('anna');
  const r = await sb.run(['activate', '--org-number', '556677-8899', '--name', 'Exempel AB', '--licence', 'on']);
  expect(r.exitCode).toBe(0);
  seedEmployees(sb.dbPath, '5566778899', [
    { employeeNumber: '1001', firstName: 'Tolvan', lastName: 'Tolvansson', personnummer: '191212121212', kivra: true },
    { employeeNumber: '1002', firstName: 'Åsa', lastName: 'Öberg', personnummer: '198112189876', address: { street: null, postalCode: '222 33', city: 'Lund' } },
    { employeeNumber: '1003', firstName: 'Nils', lastName: 'Utan', personnummerProblem: 'missing' },
  ]);
}

describe('employees list', () => {
  test('masks personnummer on screen, shows flags, mailbox and address state', async () => {
    await companyWithEmployees();
    const r = await sb.run(['employees', 'list']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('19121212-****');
    expect(r.stdout).not.toContain('191212121212');
    expect(r.stdout).not.toContain('19121212-1212');
    expect(r.stdout).toMatch(/1002\s+Åsa Öberg\s+19811218-\*\*\*\*\s+no\s+no\s+unknown\s+—\s+incomplete/);
    expect(r.stdout).toMatch(/1003\s+Nils Utan\s+missing/);
  });

  test('--show-personnummer shows them in full; --json always carries them', async () => {
    await companyWithEmployees();
    expect((await sb.run(['employees', 'list', '--show-personnummer'])).stdout).toContain('19121212-1212');
    const json = sb.json(await sb.run(['employees', 'list', '--json']));
    expect(json.employees[0]).toMatchObject({ employeeNumber: '1001', personnummer: '191212121212', kivra: true, print: false, mailbox: null });
  });

  test('filters by flag', async () => {
    await companyWithEmployees();
    const json = sb.json(await sb.run(['employees', 'list', '--kivra', 'off', '--json']));
    expect(json.employees.map((e: { employeeNumber: string }) => e.employeeNumber)).toEqual(['1002', '1003']);
  });
});

describe('employees set', () => {
  test('changes flags by employee number and by personnummer in any common form, and audits it', async () => {
    await companyWithEmployees();
    const r = await sb.run(['employees', 'set', '1002', '8112189876', '--kivra', 'on', '--print', 'on', '--json']);
    expect(r.exitCode).toBe(0);
    expect(sb.json(r).changed).toEqual([{ employeeNumber: '1002', name: 'Åsa Öberg', kivra: true, print: true }]);
    const byLong = await sb.run(['employees', 'set', '19121212-1212', '--kivra', 'off', '--json']);
    expect(sb.json(byLong).changed[0].employeeNumber).toBe('1001');
    const audit = await sb.run(['log', '--audit', '--json']);
    const actions = sb.json(audit).audit.map((a: { action: string }) => a.action);
    expect(actions.filter((a: string) => a === 'employees.flags')).toHaveLength(2);
  });

  test('--all changes everyone', async () => {
    await companyWithEmployees();
    const r = await sb.run(['employees', 'set', '--all', '--print', 'on', '--json']);
    expect(sb.json(r).changed).toHaveLength(3);
  });

  test('an unknown employee writes nothing at all (exit 2)', async () => {
    await companyWithEmployees();
    const r = await sb.run(['employees', 'set', '1002', '9999', '--kivra', 'on', '--json']);
    expect(r.exitCode).toBe(2);
    expect(sb.json(r).error).toMatchObject({ code: 'employee_unknown' });
    expect(sb.json(r).error.message).toContain('9999');
    const list = sb.json(await sb.run(['employees', 'list', '--kivra', 'on', '--json']));
    expect(list.employees.map((e: { employeeNumber: string }) => e.employeeNumber)).toEqual(['1001']);
  });

  test('needs something to change', async () => {
    await companyWithEmployees();
    const r = await sb.run(['employees', 'set', '1001']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--kivra on|off');
  });
});

describe('roles', () => {
  test('the first operator becomes admin; others need to be added', async () => {
    await companyWithEmployees();
    const users = sb.json(await sb.run(['users', 'list', '--json']));
    expect(users.operators).toEqual([expect.objectContaining({ name: 'anna', role: 'admin' })]);
    const stranger = await sb.run(['employees', 'list'], { env: { PAYSLIPS_USER: 'mallory' } });
    expect(stranger.exitCode).toBe(4);
    expect(stranger.stderr).toContain('Operator "mallory" is not registered');
  });

  test('a viewer may read but not change flags or settings; the refusal names the permission', async () => {
    await companyWithEmployees();
    expect((await sb.run(['users', 'add', 'vera', '--role', 'viewer'])).exitCode).toBe(0);
    const asVera = { env: { PAYSLIPS_USER: 'vera' } };
    expect((await sb.run(['employees', 'list'], asVera)).exitCode).toBe(0);
    const set = await sb.run(['employees', 'set', '1001', '--print', 'on', '--json'], asVera);
    expect(set.exitCode).toBe(4);
    expect(sb.json(set).error).toMatchObject({ code: 'permission_denied' });
    expect(sb.json(set).error.message).toContain('missing right: print flag');
    const activate = await sb.run(['activate', '--active', 'on'], asVera);
    expect(activate.exitCode).toBe(4);
    expect(activate.stderr).toContain('missing right: settings');
  });

  test('payroll may change flags but not settings or operators', async () => {
    await companyWithEmployees();
    await sb.run(['users', 'add', 'pelle', '--role', 'payroll']);
    const asPelle = { env: { PAYSLIPS_USER: 'pelle' } };
    expect((await sb.run(['employees', 'set', '1001', '--print', 'on'], asPelle)).exitCode).toBe(0);
    expect((await sb.run(['activate', '--print', 'on'], asPelle)).exitCode).toBe(4);
    const users = await sb.run(['users', 'add', 'pelle', '--role', 'admin'], asPelle);
    expect(users.exitCode).toBe(4);
    expect(users.stderr).toContain('missing right: users');
  });

  test('the last admin cannot be removed or demoted; role changes are audited', async () => {
    await companyWithEmployees();
    expect((await sb.run(['users', 'remove', 'anna'])).exitCode).toBe(4);
    expect((await sb.run(['users', 'add', 'anna', '--role', 'viewer'])).exitCode).toBe(4);
    await sb.run(['users', 'add', 'bo', '--role', 'admin']);
    expect((await sb.run(['users', 'remove', 'anna'])).exitCode).toBe(0);
    const audit = await sb.run(['log', '--audit'], { env: { PAYSLIPS_USER: 'bo' } });
    expect(audit.stdout).toMatch(/anna\s+—\s+operator removed\s+anna \(administrator\)/);
    expect(audit.stdout).toMatch(/anna\s+—\s+role given\s+bo: new → administrator/);
  });
});
