import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { createSandbox, type Sandbox } from '../helpers/cli.js';
import { fixtureExport, lineOf, writeJsonExport, type Json } from '../import/support/exports.js';

/**
 * sync reads payroll.json as a stream (into an existing database, writing as it checks;
 * into a new one, or in an order one pass cannot write, checking first): key order does
 * not change what lands, and a problem anywhere — also at the very end of a file many
 * read chunks long, after thousands of payslips were written and rolled back — still
 * leaves the database's files as they were.
 */

const sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const sb of sandboxes.splice(0)) sb.cleanup();
});
function sandbox(): Sandbox {
  const sb = createSandbox();
  sandboxes.push(sb);
  return sb;
}

/** What sync wrote, without row ids and timestamps. */
function contents(dbPath: string): unknown {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      companies: db.prepare('SELECT org_number, name, street, postal_code, city FROM companies').all(),
      employees: db.prepare('SELECT employee_number, personnummer, personnummer_problem, first_name, street, kivra, print FROM employees ORDER BY employee_number').all(),
      payRuns: db.prepare('SELECT run_key, payout_date, period_start, period_end, status FROM pay_runs ORDER BY run_key').all(),
      payslips: db
        .prepare(
          `SELECT r.run_key, e.employee_number, p.gross_pay_ore, p.tax_ore, p.net_pay_ore, p.content_hash FROM payslips p
           JOIN pay_runs r ON r.id = p.pay_run_id JOIN employees e ON e.id = p.employee_id ORDER BY r.run_key, e.employee_number`,
        )
        .all(),
      lines: db
        .prepare(
          `SELECT r.run_key, e.employee_number, l.key AS position, l.value->>0 AS code, l.value->>1 AS text, l.value->>2 AS kind, l.value->>3 AS quantity,
             l.value->>5 AS rate_ore, l.value->>6 AS amount_ore
           FROM payslips p, json_each(p.lines) l JOIN pay_runs r ON r.id = p.pay_run_id JOIN employees e ON e.id = p.employee_id
           ORDER BY r.run_key, e.employee_number, l.key`,
        )
        .all(),
    };
  } finally {
    db.close();
  }
}

function fingerprint(sb: Sandbox): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const path = sb.dbPath + suffix;
    out[suffix || 'db'] = existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
  }
  return out;
}

/** An employer of `count` people with one pay run, every figure adding up. */
function largeExport(count: number): Json {
  const base = fixtureExport();
  const template = base.employees[0];
  const employees = Array.from({ length: count }, (_, index) => ({ ...template, employee_number: String(10_001 + index), first_name: `Anställd ${index}` }));
  const payslips = employees.map((employee, index) => {
    const gross = 30_000 + index;
    return {
      employee_number: employee.employee_number,
      gross_pay: `${gross}.00`,
      tax: '9000.00',
      net_pay: `${gross - 9000 - 250}.50`,
      tax_table: '33',
      vacation: { days_remaining: 20, days_used: 5 },
      ytd: { gross_pay: `${gross * 11}.00`, tax: '99000.00' },
      lines: [
        { code: '011', text: 'Månadslön', kind: 'gross', quantity: '1', unit: 'mån', rate: `${gross}.00`, amount: `${gross}.00` },
        { code: '700', text: 'Bilförmån', kind: 'benefit', quantity: null, unit: null, rate: null, amount: '3100.00' },
        { code: '900', text: 'Fackavgift', kind: 'net', quantity: null, unit: null, rate: null, amount: '-249.50' },
      ],
    };
  });
  return { company: base.company, employees, pay_runs: [{ id: '2026-01', payout_date: '2026-01-25', period_start: '2026-01-01', period_end: '2026-01-31', status: 'final', payslips }] };
}

describe('sync of a streamed payroll.json', () => {
  test('keys in any order import to the same database as documented order, into a new database or an existing one', async () => {
    const spec = sandbox();
    const first = await spec.run(['sync', '--from', writeJsonExport(join(spec.dir, 'spec'), fixtureExport()), '--offline', '--json']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const reorderings: Record<string, (doc: Json) => Json> = {
      'documented order': (doc) => doc,
      'pay runs first, company last': ({ company, employees, pay_runs }) => ({ pay_runs, employees, company }),
      'company last': ({ company, employees, pay_runs }) => ({ employees, pay_runs, company }),
      'pay runs before employees': ({ company, employees, pay_runs }) => ({ company, pay_runs, employees }),
      'payslips before the run fields': (doc) => ({ ...doc, pay_runs: doc.pay_runs.map(({ payslips, ...fields }: Json) => ({ payslips, ...fields })) }),
    };
    for (const [order, reorder] of Object.entries(reorderings)) {
      for (const database of ['new', 'existing']) {
        const name = `${order}, ${database} database`;
        const sb = sandbox();
        // An existing database, with nothing in it yet but its operator: sync then writes as it reads.
        if (database === 'existing') expect((await sb.run(['users', 'add', 'anna', '--role', 'admin'])).exitCode).toBe(0);
        expect(existsSync(sb.dbPath)).toBe(database === 'existing');
        const r = await sb.run(['sync', '--from', writeJsonExport(join(sb.dir, 'reordered'), reorder(fixtureExport())), '--offline', '--json']);
        expect(r.exitCode, `${name}: ${String(r.stderr)}`).toBe(0);
        expect({ name, summary: { ...sb.json(r), from: null, warnings: sb.json(r).warnings.length } }).toEqual({
          name,
          summary: { ...spec.json(first), from: null, warnings: spec.json(first).warnings.length },
        });
        expect({ name, contents: contents(sb.dbPath) }).toEqual({ name, contents: contents(spec.dbPath) });
      }
    }
  }, 60_000);

  test('a problem in the last payslip of a file several read chunks long: exit 2 at the exact line, nothing written', async () => {
    const sb = sandbox();
    const good = largeExport(3000);
    const ok = await sb.run(['sync', '--from', writeJsonExport(join(sb.dir, 'good'), good), '--offline', '--json'], { timeout: 60_000 });
    expect(ok.exitCode, String(ok.stderr)).toBe(0);
    expect(sb.json(ok).payslips.added).toBe(3000);

    const bad = largeExport(3000);
    const last = bad.pay_runs[0].payslips.at(-1);
    last.net_pay = '1.00';
    const from = writeJsonExport(join(sb.dir, 'bad'), bad);
    // Larger than the 1 MiB the import reads at a time, so the problem is chunks away from the start.
    expect(statSync(from).size).toBeGreaterThan(3 * 2 ** 20);
    const text = readFileSync(from, 'utf8');
    const before = fingerprint(sb);
    const r = await sb.run(['sync', '--from', from, '--offline', '--json'], { timeout: 60_000 });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(sb.json(r).error.details).toEqual([
      `${from}:${lineOf(text, '"net_pay": "1.00"')}: pay_runs[0].payslips[2999].net_pay: gross_pay - tax + net lines = 32999.00 - 9000.00 + -249.50 = 23749.50, not 1.00`,
    ]);
    expect(fingerprint(sb)).toEqual(before);
  }, 90_000);
});
