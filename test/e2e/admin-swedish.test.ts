import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, REPO_ROOT, type Sandbox } from '../helpers/cli.js';

/** The administration commands in the payroll office's language: doctor, and what stops a command at its start. */

const sv = { env: { PAYSLIPS_LANG: 'sv' } };
let sb: Sandbox;

beforeAll(async () => {
  sb = createSandbox();
  const r = await sb.run(['sync', '--from', join(REPO_ROOT, 'fixtures', 'payroll.json'), '--offline']);
  expect(r.exitCode, String(r.stderr)).toBe(0);
});
afterAll(() => sb?.cleanup());

describe('doctor in Swedish', () => {
  test('checks, findings and fixes in Swedish, with local times; --json keeps its English codes and check names', async () => {
    // A send that died in the winter: its lock and its job are left behind.
    const db = new Database(sb.dbPath);
    db.prepare(`INSERT INTO send_jobs (company_id, operator, selection, status, started_at, pid) VALUES (1, 'anna', ?, 'running', '2025-11-25T05:00:00.000Z', 999999)`).run(
      JSON.stringify({ payoutDate: '2025-11-25', status: 'final' }),
    );
    db.prepare(`INSERT INTO send_locks (company_id, job_id, pid, hostname, acquired_at, heartbeat_at) VALUES (1, 1, 999999, 'kontoret', '2025-11-25T05:00:00.000Z', '2025-11-25T05:00:00.000Z')`).run();
    db.close();
    try {
      const r = await sb.run(['doctor'], sv);
      expect(r.exitCode).toBe(3);
      expect(r.stdout).toContain('✔ integritet');
      expect(r.stdout).toContain('har ett övergivet utskickslås: den som höll det (process 999999 på kontoret, utskick 1, sedan 2025-11-25 06:00 CET)');
      expect(r.stdout).toContain('Utskick 1 för Ekbacken Bygg & Måleri AB (startat 2025-11-25 06:00 CET) blev inte klart.');
      expect(r.stdout).toContain('åtgärd: Kör payslips send --company 5566778899 --date 2025-11-25 --status final igen för att slutföra utskick 1');
      expect(r.stdout).toContain('2 problem hittades.');
      expect(r.stdout).not.toMatch(/\b(stale|problems? found|did not finish|since)\b/);

      const json = sb.json(await sb.run(['doctor', '--json'], sv));
      expect(json.checks).toContainEqual({ name: 'integrity', ok: true });
      expect(json.findings.map((f: { code: string }) => f.code).sort()).toEqual(['job_unfinished', 'lock_stale']);
    } finally {
      const cleanup = new Database(sb.dbPath);
      cleanup.exec('DELETE FROM send_locks; DELETE FROM send_jobs;');
      cleanup.close();
    }
  });
});

describe('what stops a command at its start, in Swedish', () => {
  test('a missing database, an unknown company and several companies to choose from', async () => {
    const missing = await sb.run(['employees', 'list', '--db', join(sb.dir, 'ingen.db')], sv);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain(`Det finns ingen databas i ${join(sb.dir, 'ingen.db')}.`);
    expect(missing.stderr).toContain('Kontrollera --db (eller PAYSLIPS_DB)');

    const unknown = await sb.run(['employees', 'list', '--company', '559999-9991'], sv);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('Det finns inget företag med organisationsnummer 559999-9991 i databasen.');
    expect(unknown.stderr).toContain('finns: 5566778899 Ekbacken Bygg & Måleri AB');

    const doctorMissing = await sb.run(['doctor', '--db', join(sb.dir, 'ingen.db')], sv);
    expect(doctorMissing.stderr).toContain('inget att kontrollera');
    for (const r of [missing, unknown, doctorMissing]) expect(r.stderr).not.toMatch(/\b(There is|No company|Check --db)\b/);
  });
});
