import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../helpers/cli.js';
import { ACTIVATE_READY, localMonthEnd, readPayroll, writePayroll, type MonthEnd } from '../helpers/month-end.js';

/**
 * A bureau's view: `payruns list` (the date picker for `send --date`), `companies list`
 * and `log --all-companies`. One database with two clients: Ekbacken, on the local
 * emulator, sent its November pay run (with failures); Sjöbris sent one October payslip,
 * then moved to PRODUCTION without a tenant key or credentials.
 */

const SV = { env: { PAYSLIPS_LANG: 'sv' } };
const EKBACKEN = { env: { PAYSLIPS_COMPANY: '5566778899' } };
const NBSP = '\u00a0';
const LOCAL_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d CES?T/;

/** The fixture's net pay of a pay run in öre, added up here from the export's own figures. */
function netPayOre(run: string): number {
  const payslips = readPayroll().pay_runs.find((r) => r.id === run)!.payslips;
  return payslips.reduce((sum, p) => sum + Math.round(Number(p.net_pay) * 100), 0);
}

/** `26944320` → `269 443,20 kr` (sv) or `SEK 269,443.20` (en), with no-break spaces. */
function kronor(ore: number, language: 'sv' | 'en'): string {
  const kr = String(Math.trunc(ore / 100));
  const ores = String(ore % 100).padStart(2, '0');
  const grouped = (separator: string): string => kr.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return language === 'sv' ? `${grouped(NBSP)},${ores}${NBSP}kr` : `SEK${NBSP}${grouped(',')}.${ores}`;
}

const row = (text: unknown, start: string): string => String(text).split('\n').find((l) => l.startsWith(start)) ?? '';

let sb: MonthEnd;
beforeAll(async () => {
  sb = await localMonthEnd();
  const must = async (args: string[]): Promise<void> => {
    const r = await sb.run(args);
    if (r.exitCode !== 0 && r.exitCode !== 3) throw new Error(`payslips ${args.join(' ')} exited ${r.exitCode}: ${String(r.stderr)}`);
  };
  await must(['send', '--date', '2025-11-25', '--yes']);
  const payroll = readPayroll() as ReturnType<typeof readPayroll> & { company: Record<string, unknown> };
  payroll.company.org_number = '556036-0793';
  payroll.company.name = 'Sjöbris Redovisning AB';
  await must(['activate', '--org-number', '5560360793', '--name', 'Sjöbris Redovisning AB', ...ACTIVATE_READY]);
  await must(['sync', '--from', writePayroll(sb, payroll, 'sjobris.json'), '--offline']);
  await must(['send', '--company', '5560360793', '--date', '2025-10-24', '--employees', '1001', '--yes']);
  await must(['activate', '--org-number', '5560360793', '--environment', 'production']);
});
afterAll(() => sb?.cleanup());

describe('payruns list', () => {
  test('each pay run with its payslips by outcome and its net pay, newest payout first, and the command to review the next', async () => {
    const r = await sb.run(['payruns', 'list'], EKBACKEN);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^Pay run\s+Period\s+Payout date\s+Status\s+Payslips\s+Delivered\s+Retained\s+Printed\s+Skipped\s+Failed\s+Not yet sent\s+Net pay$/m);
    const lines = out.split('\n').slice(1);
    expect(lines[0]).toBe(`2025-12  2025-12-01 – 2025-12-31  2025-12-23   preliminary  9         0          0         0        0        0       9             ${kronor(netPayOre('2025-12'), 'en')}`);
    expect(lines[1]).toMatch(new RegExp(`^2025-11\\s+2025-11-01 – 2025-11-30\\s+2025-11-25\\s+final\\s+10\\s+3\\s+2\\s+2\\s+1\\s+2\\s+0\\s+${kronor(netPayOre('2025-11'), 'en')}$`));
    expect(lines[2]).toMatch(new RegExp(`^2025-10\\s+.*\\s+2025-10-24\\s+final\\s+10\\s+0\\s+0\\s+0\\s+0\\s+0\\s+10\\s+${kronor(netPayOre('2025-10'), 'en')}$`));
    expect(String(r.stderr)).toContain('To send pay run 2025-12, review it first: payslips select --date 2025-12-23 --status preliminary');
  });

  test('in Swedish: lönekörningar, utbetalningsdag, nettolön in kronor', async () => {
    const r = await sb.run(['payruns', 'list', '--company', '5566778899'], SV);
    const out = String(r.stdout);
    expect(out).toMatch(/^Lönekörning\s+Löneperiod\s+Utbetalningsdag\s+Status\s+Lönespec\.\s+Levererade\s+Väntar hos Kivra\s+Utskrivna\s+Hoppades över\s+Misslyckade\s+Ej skickade\s+Nettolön$/m);
    expect(row(out, '2025-11')).toMatch(new RegExp(`\\s+definitiv\\s+10\\s+3\\s+2\\s+2\\s+1\\s+2\\s+0\\s+${kronor(netPayOre('2025-11'), 'sv')}$`));
    expect(row(out, '2025-12')).toMatch(new RegExp(`\\s+preliminär\\s+9\\s.*\\s${kronor(netPayOre('2025-12'), 'sv')}$`));
    expect(kronor(netPayOre('2025-11'), 'sv')).toBe(`245${NBSP}679,82${NBSP}kr`);
    expect(String(r.stderr)).toContain('Granska lönekörning 2025-12 innan den skickas: payslips select --date 2025-12-23 --status preliminary');
    for (const english of ['Pay run', 'Payout date', 'final', 'SEK', 'review']) expect(`${out}${String(r.stderr)}`).not.toContain(english);
  });

  test('--json: payRun, dates, status, the counts adding up to the payslips, net pay in öre', async () => {
    const json = sb.json(await sb.run(['payruns', 'list', '--json'], EKBACKEN));
    expect(json.company).toEqual({ orgNumber: '5566778899', name: 'Ekbacken Bygg & Måleri AB' });
    expect(json.payRuns.map((p: Record<string, unknown>) => p.payRun)).toEqual(['2025-12', '2025-11', '2025-10']);
    expect(json.payRuns[1]).toEqual({
      payRun: '2025-11', periodStart: '2025-11-01', periodEnd: '2025-11-30', payoutDate: '2025-11-25', status: 'final', payslips: 10,
      totals: { delivered: 3, retained: 2, printed: 2, skipped: 1, failed: 2, notSent: 0 }, netPayOre: netPayOre('2025-11'),
    });
    // The other company's one delivered payslip is its own.
    const sjobris = sb.json(await sb.run(['payruns', 'list', '--json', '--company', '556036-0793']));
    expect(sjobris.payRuns[2]).toMatchObject({ payRun: '2025-10', payslips: 10, totals: { delivered: 1, notSent: 9 } });
  });
});

describe('companies list', () => {
  test('each client: organisationsnummer, environment (PRODUCTION stands out), ready or what blocks it, last send, pay runs not yet sent', async () => {
    const r = await sb.run(['companies', 'list']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^Organisationsnummer\s+Company\s+Environment\s+Ready to send\s+Last send\s+Pay runs not yet sent$/m);
    expect(row(out, '556036-0793')).toMatch(
      new RegExp(`^556036-0793\\s+Sjöbris Redovisning AB\\s+PRODUCTION\\s+no tenant key is set; no Kivra credentials for the PRODUCTION environment\\s+✔ ${LOCAL_TIME.source}, job 2\\s+2025-12-23 \\(9 payslips\\), 2025-11-25 \\(10 payslips\\), 2025-10-24 \\(9 payslips\\)$`),
    );
    expect(row(out, '556677-8899')).toMatch(
      new RegExp(`^556677-8899\\s+Ekbacken Bygg & Måleri AB\\s+local emulator\\s+✔ ready\\s+✘ ${LOCAL_TIME.source}, job 1\\s+2025-12-23 \\(9 payslips\\), 2025-10-24 \\(10 payslips\\)$`),
    );
    // In colour, PRODUCTION is painted apart from the other environments.
    const coloured = await sb.run(['companies', 'list'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
    expect(String(coloured.stdout)).toContain('\u001b[31mPRODUCTION\u001b[39m');
    expect(String(coloured.stdout)).toContain('local emulator');
    expect(String(coloured.stdout)).not.toContain('\u001b[31mlocal emulator');
  });

  test('in Swedish', async () => {
    const r = await sb.run(['companies', 'list'], SV);
    const out = String(r.stdout);
    expect(out).toMatch(/^Org\.nr\s+Företag\s+Miljö\s+Klart att skicka\s+Senaste utskick\s+Ej skickade lönekörningar$/m);
    expect(row(out, '556036-0793')).toMatch(/PRODUKTION\s+ingen avsändaridentitet \(tenant key\) är angiven; inga inloggningsuppgifter till Kivra för miljön PRODUKTION\s+✔ .* CES?T, utskick 2\s+2025-12-23 \(9 lönespecifikationer\)/);
    expect(row(out, '556677-8899')).toMatch(/lokal emulator\s+✔ klart\s+✘ .*, utskick 1\s+/);
    for (const english of ['Company', 'ready', 'job', 'payslips', 'tenant key is']) expect(out).not.toContain(english);
  });

  test('--json: readiness with the blockers\' codes and fixes, the last send, the pay runs not yet sent', async () => {
    const { companies } = sb.json(await sb.run(['companies', 'list', '--json']));
    expect(companies.map((c: Record<string, unknown>) => [c.orgNumber, c.environment, c.readyToSend])).toEqual([
      ['5560360793', 'production', false],
      ['5566778899', 'local', true],
    ]);
    expect(companies[0].blockers.map((b: Record<string, unknown>) => b.code)).toEqual(['tenant_key_missing', 'credentials_missing']);
    expect(companies[0].blockers[0].fix).toBe('payslips activate --tenant-key <key>');
    expect(companies[0].lastSend).toEqual({ jobId: 2, status: 'succeeded', ok: true, startedAt: expect.any(String), finishedAt: expect.any(String) });
    expect(companies[1].lastSend).toMatchObject({ jobId: 1, status: 'failed', ok: false });
    expect(companies[1].payRunsNotSent).toEqual([
      { payRun: '2025-12', payoutDate: '2025-12-23', status: 'preliminary', notSent: 9 },
      { payRun: '2025-10', payoutDate: '2025-10-24', status: 'final', notSent: 10 },
    ]);
  });
});

describe('log --all-companies', () => {
  test('the jobs of every company, newest first, each row naming its company; --json too', async () => {
    const r = await sb.run(['log', '--all-companies']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const lines = String(r.stdout).split('\n');
    expect(lines[0]).toMatch(/^Job\s+Company\s+Started\s+Finished\s+Operator\s+Selection\s+Status\s+Totals$/);
    expect(lines[1]).toMatch(/^2\s+Sjöbris Redovisning AB\s+.*2025-10-24 final, employees 1001\s+✔ succeeded\s+delivered 1$/);
    expect(lines[2]).toMatch(/^1\s+Ekbacken Bygg & Måleri AB\s+.*2025-11-25 final\s+✘ failed\s+delivered 3/);
    // Without it, several companies need --company.
    expect((await sb.run(['log'])).exitCode).toBe(2);

    const sv = await sb.run(['log', '--all-companies'], SV);
    expect(String(sv.stdout).split('\n')[0]).toMatch(/^Utskick\s+Företag\s+Startat/);
    const json = sb.json(await sb.run(['log', '--all-companies', '--json']));
    expect(json.jobs.map((j: Record<string, any>) => [j.jobId, j.company.orgNumber])).toEqual([[2, '5560360793'], [1, '5566778899']]);
    expect(sb.json(await sb.run(['log', '--all-companies', '--limit', '1', '--json'])).jobs).toHaveLength(1);
    const withJob = await sb.run(['log', '1', '--all-companies']);
    expect(withJob.exitCode).toBe(2);
    expect(withJob.stderr).toContain('--all-companies lists the jobs of every company; leave out the job id.');
  });
});

describe('docs/json.md', () => {
  /** Every key of a document at any depth, but not inside what an audit entry recorded (`details`). */
  function keysOf(value: unknown, found = new Set<string>()): Set<string> {
    if (Array.isArray(value)) for (const v of value) keysOf(v, found);
    else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        found.add(k);
        if (k !== 'details') keysOf(v, found);
      }
    }
    return found;
  }

  test('names every key of the log, payruns, companies and employees show documents', async () => {
    const doc = readFileSync(join(REPO_ROOT, 'docs', 'json.md'), 'utf8');
    const runs = [
      ['log', '--all-companies', '--json'],
      ['log', '1', '--json', '--company', '5566778899'],
      ['log', '--audit', '--json'],
      ['payruns', 'list', '--json', '--company', '5566778899'],
      ['companies', 'list', '--json'],
      ['employees', 'show', '1009', '--json', '--company', '5566778899'],
    ];
    for (const args of runs) {
      const r = await sb.run(args);
      expect(r.exitCode, args.join(' ')).toBe(0);
      const missing = [...keysOf(sb.json(r))].filter((key) => !new RegExp(`\\b${key}\\b`).test(doc));
      expect(missing, args.join(' ')).toEqual([]);
    }
  });
});

describe('a colleague with some clients only', () => {
  test('companies list and log --all-companies show only the companies the operator may read', async () => {
    const added = await sb.run(['users', 'add', 'eva', '--role', 'viewer', '--company', '556036-0793']);
    expect(added.exitCode, String(added.stderr)).toBe(0);
    const eva = { env: { PAYSLIPS_USER: 'eva' } };
    const companies = await sb.run(['companies', 'list'], eva);
    expect(companies.exitCode, String(companies.stderr)).toBe(0);
    expect(companies.stdout).toContain('Sjöbris Redovisning AB');
    expect(companies.stdout).not.toContain('Ekbacken');
    expect(sb.json(await sb.run(['companies', 'list', '--json'], eva)).companies.map((c: { orgNumber: string }) => c.orgNumber)).toEqual(['5560360793']);
    const jobs = sb.json(await sb.run(['log', '--all-companies', '--json'], eva)).jobs;
    expect(jobs.map((j: Record<string, any>) => [j.jobId, j.company.orgNumber])).toEqual([[2, '5560360793']]);
    // The admin still sees both.
    expect(sb.json(await sb.run(['companies', 'list', '--json'])).companies).toHaveLength(2);
  });

  test('log --audit shows her the entries of her clients only, and not the roles that name the others', async () => {
    const eva = { env: { PAYSLIPS_USER: 'eva' } };
    const all = sb.json(await sb.run(['log', '--audit', '--json', '--limit', '1000'])).audit as Array<Record<string, any>>;
    expect(all.some((e) => e.companyOrgNumber === null)).toBe(true);
    expect(all.some((e) => JSON.stringify(e).includes('5566778899'))).toBe(true);
    const r = await sb.run(['log', '--audit', '--json', '--limit', '1000'], eva);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const hers = sb.json(r).audit as Array<Record<string, any>>;
    expect(hers.length).toBeGreaterThan(0);
    expect(JSON.stringify(hers)).not.toContain('5566778899');
    expect(JSON.stringify(hers)).toContain('5560360793');
  });
});
