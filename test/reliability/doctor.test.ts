import { chmodSync, closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { execa } from 'execa';
import { afterEach, describe, expect, test } from 'vitest';
import { BIN, REPO_ROOT, createSandbox, type Sandbox } from '../helpers/cli.js';
import { SCHEMA_VERSION } from '../../src/store/migrations.js';
import { kivraEnv, prepareCompany, startFaultKivra, type FaultKivra } from './support/fault-kivra.js';
import { PAYOUT_DATE, testPersonnummer } from './support/generated-payroll.js';

/** `payslips doctor`: finds what crashes, damage and old versions leave, and says how to fix it. */

let sb: Sandbox | undefined;
let kivra: FaultKivra | undefined;
afterEach(async () => {
  await kivra?.close();
  kivra = undefined;
  sb?.cleanup();
  sb = undefined;
});

type Finding = { code: string; severity: string; message: string; fix: string; fixed: boolean };
const findings = (s: Sandbox, r: Awaited<ReturnType<Sandbox['run']>>): Finding[] => s.json(r).findings as Finding[];
const problems = (list: Finding[]) => list.filter((f) => f.severity === 'problem' && !f.fixed).map((f) => f.code);

async function offlineCompany(s: Sandbox): Promise<void> {
  const r = await s.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline']);
  expect(r.exitCode, String(r.stderr)).toBe(0);
}

/** Moves everything from the WAL into the main file, so bytes on disk are the database. */
function checkpoint(dbPath: string): void {
  const db = new Database(dbPath);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('payslips doctor', () => {
  test('a healthy database: exit 0, every check listed', async () => {
    sb = createSandbox();
    await offlineCompany(sb);
    const r = await sb.run(['doctor']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(r.stdout).toContain('✔ integrity');
    expect(r.stdout).toContain('No problems found.');
    const json = await sb.run(['doctor', '--json']);
    expect(sb.json(json)).toMatchObject({ healthy: true, schemaVersion: SCHEMA_VERSION, findings: [] });
  });

  test('after kill -9 mid-send: reports the stale lock and the unfinished job with the command that finishes it; --fix clears the lock', async () => {
    sb = createSandbox();
    const ssns = testPersonnummer(20);
    kivra = await startFaultKivra(ssns);
    await prepareCompany(sb, kivra, 20);
    kivra.setFaults({ latencyMs: 100 });
    const child = execa('node', [BIN, 'send', '--date', PAYOUT_DATE, '--yes', '--concurrency', '2'], { env: { ...sb.env, ...kivraEnv }, extendEnv: false, reject: false });
    await new Promise<void>((resolve) => {
      kivra!.onRequest = (e) => e.endpoint === 'content' && e.status === 201 && resolve();
    });
    child.kill('SIGKILL');
    await child;
    kivra.setFaults({ latencyMs: 0 });

    const r = await sb.run(['doctor']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toMatch(/stale send lock: its holder \(pid \d+/);
    expect(r.stdout).toMatch(/Job 1 for Prov AB .* did not finish: \d+ payslips? not yet sent/);
    expect(r.stdout).toContain('Run payslips send --company 5566778899 --date 2025-11-25 --status final again to finish job 1');

    const fixed = await sb.run(['doctor', '--fix', '--json']);
    expect(fixed.exitCode).toBe(3);
    const after = findings(sb, fixed);
    expect(after.find((f) => f.code === 'lock_stale')?.fixed).toBe(true);
    expect(problems(after)).toEqual(['job_unfinished']);
    const db = new Database(sb.dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM send_locks').get()).toEqual({ n: 0 });
    db.close();

    // Doing what the doctor said finishes the job, and then all is well.
    const finish = await sb.run(['send', '--company', '5566778899', '--date', '2025-11-25', '--status', 'final', '--yes', '--json'], { env: kivraEnv, timeout: 60_000 });
    expect(finish.exitCode, String(finish.stderr)).toBe(0);
    expect(sb.json(finish)).toMatchObject({ jobId: 1, resumed: true, status: 'succeeded' });
    expect((await sb.run(['doctor'])).exitCode).toBe(0);
  });

  test('a job of chosen employees: the command that finishes it masks their personnummer unless --show-personnummer', async () => {
    sb = createSandbox();
    const ssns = testPersonnummer(20);
    kivra = await startFaultKivra(ssns);
    await prepareCompany(sb, kivra, 20);
    const chosen = ssns.slice(0, 4);
    kivra.setFaults({ latencyMs: 100 });
    const child = execa('node', [BIN, 'send', '--date', PAYOUT_DATE, '--employees', chosen.join(','), '--yes', '--concurrency', '1'], { env: { ...sb.env, ...kivraEnv }, extendEnv: false, reject: false });
    await new Promise<void>((resolve) => {
      kivra!.onRequest = (e) => e.endpoint === 'content' && e.status === 201 && resolve();
    });
    child.kill('SIGKILL');
    await child;
    kivra.setFaults({ latencyMs: 0 });

    const masked = chosen.map((ssn) => `${ssn.slice(0, 8)}-****`).join(',');
    const r = await sb.run(['doctor']);
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toContain(`--status final --employees ${masked} again to finish job 1`);
    expect(r.stdout).toContain('The personnummer in it are masked: payslips doctor --show-personnummer shows the command to run.');
    for (const ssn of chosen) expect(r.stdout).not.toContain(ssn);

    const shown = await sb.run(['doctor', '--show-personnummer']);
    const command = `payslips send --company 5566778899 --date ${PAYOUT_DATE} --status final --employees ${chosen.join(',')}`;
    expect(shown.stdout).toContain(`Run ${command} again to finish job 1`);
    expect(shown.stdout).not.toContain('are masked');

    // The command in full continues the job.
    const finish = await sb.run([...command.split(' ').slice(1), '--yes', '--json'], { env: kivraEnv, timeout: 60_000 });
    expect(finish.exitCode, String(finish.stderr)).toBe(0);
    expect(sb.json(finish)).toMatchObject({ jobId: 1, resumed: true, status: 'succeeded' });
  });

  test('a viewer may look but not --fix', async () => {
    sb = createSandbox();
    await offlineCompany(sb);
    expect((await sb.run(['users', 'add', 'vera', '--role', 'viewer'])).exitCode).toBe(0);
    expect((await sb.run(['doctor'], { env: { PAYSLIPS_USER: 'vera' } })).exitCode).toBe(0);
    const r = await sb.run(['doctor', '--fix'], { env: { PAYSLIPS_USER: 'vera' } });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toContain('may not run payslips doctor --fix');
  });

  test('a damaged database: the integrity check names it and says how to recover', async () => {
    sb = createSandbox();
    await offlineCompany(sb);
    checkpoint(sb.dbPath);
    const pageSize = 4096;
    const pages = statSync(sb.dbPath).size / pageSize;
    expect(pages).toBeGreaterThan(4);
    // Scribble over the middle of every page after the schema page.
    const fd = openSync(sb.dbPath, 'r+');
    for (let page = 2; page < pages; page++) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, page * pageSize + 8);
    closeSync(fd);
    const r = await sb.run(['doctor', '--json']);
    expect(r.exitCode).toBe(3);
    const found = findings(sb, r);
    expect(problems(found)).toContain('database_corrupt');
    expect(found.find((f) => f.code === 'database_corrupt')!.fix).toContain('.recover');
  });

  test('a newer schema, a foreign SQLite file, a file that is not SQLite, loose permissions', async () => {
    sb = createSandbox();
    await offlineCompany(sb);
    const db = new Database(sb.dbPath);
    db.pragma('user_version = 99');
    db.close();
    const newer = await sb.run(['doctor', '--json']);
    expect(newer.exitCode).toBe(3);
    expect(problems(findings(sb, newer))).toEqual(['schema_too_new']);

    const foreign = join(sb.dir, 'other.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
    other.close();
    chmodSync(foreign, 0o600);
    const f = await sb.run(['doctor', '--db', foreign, '--json']);
    expect(f.exitCode).toBe(3);
    expect(problems(findings(sb, f))).toEqual(['foreign_database']);

    const text = join(sb.dir, 'notes.txt');
    const fd = openSync(text, 'w', 0o600);
    writeSync(fd, 'not a database\n');
    closeSync(fd);
    const t = await sb.run(['doctor', '--db', text]);
    expect(t.exitCode).toBe(3);
    expect(t.stdout).toContain('is not a SQLite database');

    const missing = await sb.run(['doctor', '--db', join(sb.dir, 'nowhere.db')]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('There is no database at');

    const fresh = createSandbox();
    try {
      await offlineCompany(fresh);
      chmodSync(fresh.dbPath, 0o644);
      const loose = await fresh.run(['doctor', '--json']);
      expect(loose.exitCode).toBe(3);
      expect(problems(fresh.json(loose).findings)).toEqual(['file_permissions']);
      const fix = await fresh.run(['doctor', '--fix']);
      expect(fix.exitCode).toBe(0);
      expect(statSync(fresh.dbPath).mode & 0o777).toBe(0o600);
    } finally {
      fresh.cleanup();
    }
  });
});
