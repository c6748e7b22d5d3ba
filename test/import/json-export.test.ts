import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { formatImportProblem } from '../../src/import/problems.js';
import type { ExportSink } from '../../src/import/payroll-source.js';
import { checkJsonExport, checkPayrollExport, readPayrollExport } from '../../src/import/read-payroll-export.js';
import type { PayrollImportResult } from '../../src/import/types.js';
import { openDatabase, type Db } from '../../src/store/database.js';
import { importPayrollFrom } from '../../src/workflows/import-payroll.js';
import { badCases, baseExport, fixtureExport, jsonText, manyProblemsCase, type Json } from './support/exports.js';

/**
 * A payroll.json is read as a stream, in chunks: whatever the chunk size (tests use a
 * few bytes, so boundaries fall inside keys, numbers and multi-byte characters) and
 * whatever order the keys come in, the export, its warnings and its problems are those
 * of the file read whole in documented order.
 */

const dir = mkdtempSync(join(tmpdir(), 'payslips-json-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { referenceDate: '2026-01-15' };
const CHUNK_SIZES = [1, 3, 7, 64, undefined];
let counter = 0;

function write(text: string | Buffer): string {
  const path = join(dir, `export-${++counter}.json`);
  writeFileSync(path, text);
  return path;
}

function imported(result: PayrollImportResult) {
  if (!result.ok) throw new Error(`import refused:\n${result.problems.map(formatImportProblem).join('\n')}`);
  return result;
}

/** Warnings without their lines, which move when the keys are reordered. */
const unplaced = (result: ReturnType<typeof imported>) => result.warnings.map(({ employeeNumber, field, message }) => ({ employeeNumber, field, message }));

/** The same export with its keys in unusual but valid orders. */
const orders: Record<string, (doc: Json) => Json> = {
  'pay runs before employees, company last': ({ company, employees, pay_runs }) => ({ pay_runs, employees, company }),
  "payslips before the pay run's own fields": (doc) => ({
    ...doc,
    pay_runs: doc.pay_runs.map(({ payslips, ...fields }: Json) => ({ payslips, ...fields })),
  }),
  'fields of every record reversed': (doc) => reverseKeys(doc),
};

function reverseKeys(value: unknown): any {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
}

describe('reading payroll.json in chunks', () => {
  test.each(CHUNK_SIZES)('chunks of %s bytes: the fixture reads exactly as whole, warnings at the same lines', async (chunkSize) => {
    const whole = imported(await readPayrollExport(write(jsonText(fixtureExport())), options));
    const chunked = imported(await readPayrollExport(write(jsonText(fixtureExport())), { ...options, chunkSize }));
    expect(chunked.export).toEqual(whole.export);
    expect(chunked.warnings.map((w) => [w.employeeNumber, w.line])).toEqual(whole.warnings.map((w) => [w.employeeNumber, w.line]));
    expect(whole.warnings.length).toBeGreaterThan(0);
  });

  test.each(Object.keys(orders))('%s: the same export and warnings, read whole or in chunks', async (order) => {
    const spec = imported(await readPayrollExport(write(jsonText(fixtureExport())), options));
    const reordered = jsonText(orders[order]!(fixtureExport()));
    for (const chunkSize of CHUNK_SIZES) {
      const result = imported(await readPayrollExport(write(reordered), { ...options, chunkSize }));
      expect(result.export).toEqual(spec.export);
      expect(unplaced(result)).toEqual(unplaced(spec));
    }
  });

  test('the bad-input corpus: the exact problems and lines, with chunk boundaries everywhere', async () => {
    let jsonCases = 0;
    for (const badCase of [...badCases(), manyProblemsCase()]) {
      const from = badCase.write(join(dir, 'bad', badCase.name.replaceAll(' ', '-')));
      if (!from.endsWith('.json')) continue;
      jsonCases += 1;
      for (const chunkSize of [1, 5, 13]) {
        const result = await readPayrollExport(from, { ...options, chunkSize });
        expect({ name: badCase.name, chunkSize, problems: result.ok ? [] : result.problems.map(formatImportProblem) }).toEqual({
          name: badCase.name,
          chunkSize,
          problems: badCase.problems(from),
        });
      }
    }
    expect(jsonCases).toBeGreaterThan(6);
  });

  test('problems in a reordered export come at the lines where they are, in the usual order', async () => {
    const doc = orders['pay runs before employees, company last']!(baseExport());
    doc.pay_runs[0].payslips[1].employee_number = '1003';
    doc.employees[0].first_name = '';
    const text = jsonText(doc);
    const path = write(text);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    for (const chunkSize of [2, undefined]) {
      const result = await readPayrollExport(path, { ...options, chunkSize });
      expect(result.ok ? [] : result.problems.map(formatImportProblem)).toEqual([
        `${path}:${line('"1003"')}: pay_runs[0].payslips[1].employee_number: unknown employee 1003 (not among the employees)`,
        `${path}:${line('"first_name": ""')}: employees[0].first_name: missing`,
      ]);
    }
  });

  test('multi-byte characters split between chunks arrive whole', async () => {
    const doc = baseExport();
    doc.employees[0].first_name = 'Åsa-Märta 😀';
    doc.pay_runs[0].payslips[0].lines[0].text = 'Månadslön € ✓';
    for (const chunkSize of [1, 2, 3]) {
      const result = imported(await readPayrollExport(write(jsonText(doc)), { ...options, chunkSize }));
      expect(result.export.employees[0]!.firstName).toBe('Åsa-Märta 😀');
      expect(result.export.payRuns[0]!.payslips[0]!.lines[0]!.text).toBe('Månadslön € ✓');
    }
  });

  test('a file that is not UTF-8 gets the line of its first bad byte, even after a syntax error', async () => {
    const text = jsonText(baseExport());
    const at = text.indexOf('Ekström');
    const bytes = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from('Ekstr\xf6m', 'latin1'), Buffer.from(text.slice(at + 'Ekström'.length))]);
    const line = text.slice(0, at).split('\n').length;
    const brokenEarlier = Buffer.concat([Buffer.from('{ oops\n'), bytes]);
    for (const chunkSize of [1, 4, undefined]) {
      for (const [content, expectedLine] of [[bytes, line], [brokenEarlier, line + 1]] as const) {
        const path = write(content);
        const result = await readPayrollExport(path, { ...options, chunkSize });
        expect(result.ok ? [] : result.problems.map(formatImportProblem)).toEqual([
          `${path}:${expectedLine}: not UTF-8 text; save the export as UTF-8 (in Excel: "CSV UTF-8")`,
        ]);
      }
    }
  });
});

describe('the second read, when the export is written', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(join(dir, `write-${++counter}.db`));
  });
  afterEach(() => db.close());

  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

  test('an export changed between the check and the write is refused, and nothing is written', async () => {
    const path = write(jsonText(baseExport()));
    const checked = await checkPayrollExport(path, options);
    if (!checked.ok) throw new Error('the base export must be valid');
    const changed = baseExport();
    changed.pay_runs[0].payslips[0].net_pay = 'not yet';
    writeFileSync(path, jsonText(changed));
    expect(() => importPayrollFrom(db, checked.source, undefined, 'anna', '2026-01-15T10:00:00.000Z')).toThrow(UsageError);
    expect(() => importPayrollFrom(db, checked.source, undefined, 'anna', '2026-01-15T10:00:00.000Z')).toThrow(/changed while it was being imported/);
    for (const table of ['companies', 'employees', 'pay_runs', 'payslips']) expect({ table, rows: count(table) }).toEqual({ table, rows: 0 });
  });

  test('an export removed after the check is refused with what happened, and nothing is written', async () => {
    const path = write(jsonText(baseExport()));
    const checked = await checkPayrollExport(path, options);
    if (!checked.ok) throw new Error('the base export must be valid');
    rmSync(path);
    expect(() => importPayrollFrom(db, checked.source, undefined, 'anna', '2026-01-15T10:00:00.000Z')).toThrow(
      /cannot be imported: cannot read it again: no such file or directory\. Nothing was written\./,
    );
    for (const table of ['companies', 'employees', 'pay_runs', 'payslips']) expect({ table, rows: count(table) }).toEqual({ table, rows: 0 });
  });

  test('pay runs before employees: employees are written first, from a second read', async () => {
    const checked = await checkPayrollExport(write(jsonText(orders['pay runs before employees, company last']!(fixtureExport()))), options);
    if (!checked.ok) throw new Error('the fixture must be valid');
    const { summary } = importPayrollFrom(db, checked.source, undefined, 'anna', '2026-01-15T10:00:00.000Z');
    expect(summary).toMatchObject({ employees: { added: 10 }, payRuns: { added: 3 }, payslips: { added: 29 } });
    expect((db.prepare('SELECT sum(json_array_length(lines)) AS n FROM payslips').get() as { n: number }).n).toBeGreaterThan(29);
  });
});

describe('writing as it reads (sync into an existing database)', () => {
  type Event = [string, ...unknown[]];
  /** A sink that notes what it is given, in order. */
  function recorder(): { sink: ExportSink; events: Event[] } {
    const events: Event[] = [];
    return {
      events,
      sink: {
        begin: (company) => events.push(['begin', company]),
        payRun: (runIndex, run) => events.push(['payRun', runIndex, run]),
        employee: (employee) => events.push(['employee', employee.employeeNumber]),
        payslip: (runIndex, payslip) => events.push(['payslip', runIndex, payslip.employeeNumber, payslip.netPayOre]),
      },
    };
  }

  /** The events a sink should get for `data`: documented order, every employee before any payslip. */
  function expectedEvents(data: Awaited<ReturnType<typeof imported>>['export']): Event[] {
    return [
      ['begin', data.company],
      ...data.employees.map((e): Event => ['employee', e.employeeNumber]),
      ...data.payRuns.flatMap(({ payslips, ...run }, runIndex): Event[] => [
        ['payRun', runIndex, run],
        ...payslips.map((p): Event => ['payslip', runIndex, p.employeeNumber, p.netPayOre]),
      ]),
    ];
  }

  test.each(CHUNK_SIZES)('in documented order (chunks of %s bytes), the sink gets the whole export, in order, and it counts as written', async (chunkSize) => {
    const path = write(jsonText(fixtureExport()));
    const spec = imported(await readPayrollExport(path, options));
    const { sink, events } = recorder();
    const read = checkJsonExport(path, { ...options, chunkSize, writeAsRead: sink });
    expect(read).toMatchObject({ ok: true, writtenAsRead: true });
    expect(events).toEqual(expectedEvents(spec.export));
    expect(spec.export.payRuns.length).toBeGreaterThan(1);
  });

  test('an export without a company, or with "company": null, begins with none and counts as written', () => {
    for (const doc of [(({ company: _, ...rest }) => rest)(baseExport()), { ...baseExport(), company: null }]) {
      const { sink, events } = recorder();
      expect(checkJsonExport(write(jsonText(doc)), { ...options, writeAsRead: sink })).toMatchObject({ ok: true, writtenAsRead: true });
      expect(events[0]).toEqual(['begin', null]);
      expect(events.filter(([kind]) => kind === 'payslip').length).toBe(2);
    }
  });

  test.each(Object.keys(orders))('%s: not written as read, so it is undone and written from a second read', async (order) => {
    const path = write(jsonText(orders[order]!(fixtureExport())));
    const { sink } = recorder();
    const read = checkJsonExport(path, { ...options, writeAsRead: sink });
    expect(read).toMatchObject({ ok: true, writtenAsRead: false });
    if (!read.ok) return;
    // The second read gives what documented order gives.
    const spec = imported(await readPayrollExport(write(jsonText(fixtureExport())), options));
    const again: Event[] = [];
    read.source.forEachRecord({ employee: (e) => again.push(['employee', e.employeeNumber]), payslip: (i, p) => again.push(['payslip', i, p.employeeNumber, p.netPayOre]) });
    expect(again).toEqual(expectedEvents(spec.export).filter(([kind]) => kind === 'employee' || kind === 'payslip'));
  });

  test('a company after the lists: written as none at first, so the export is undone', () => {
    const { company, employees, pay_runs } = baseExport();
    const { sink, events } = recorder();
    const read = checkJsonExport(write(jsonText({ employees, pay_runs, company })), { ...options, writeAsRead: sink });
    expect(read).toMatchObject({ ok: true, writtenAsRead: false });
    expect(events[0]).toEqual(['begin', null]);
  });

  test('pay runs before employees (company first): no payslip is written before its employee, and the export is undone', () => {
    const { company, employees, pay_runs } = baseExport();
    const { sink, events } = recorder();
    const read = checkJsonExport(write(jsonText({ company, pay_runs, employees })), { ...options, writeAsRead: sink });
    expect(read).toMatchObject({ ok: true, writtenAsRead: false });
    expect(events.filter(([kind]) => kind === 'payslip')).toEqual([]);
  });

  test('a pay run with one of its fields after its payslips: none of its payslips is written, and the export is undone', () => {
    const doc = baseExport();
    const { status, ...rest } = doc.pay_runs[0];
    doc.pay_runs[0] = { ...rest, status };
    expect(Object.keys(doc.pay_runs[0]).at(-1)).toBe('status');
    const { sink, events } = recorder();
    const read = checkJsonExport(write(jsonText(doc)), { ...options, writeAsRead: sink });
    expect(read).toMatchObject({ ok: true, writtenAsRead: false });
    expect(events.filter(([kind]) => kind === 'payRun' || kind === 'payslip')).toEqual([]);
  });

  test('writing stops at the first problem: nothing after it reaches the sink, and the export is refused', () => {
    const doc = baseExport();
    doc.employees[1].first_name = '';
    const { sink, events } = recorder();
    const read = checkJsonExport(write(jsonText(doc)), { ...options, chunkSize: 7, writeAsRead: sink });
    expect(read.ok).toBe(false);
    expect(read.writtenAsRead).toBe(false);
    expect(events).toEqual([['begin', expect.objectContaining({ name: doc.company.name })], ['employee', doc.employees[0].employee_number]]);
  });

  test('a problem in the company: nothing at all reaches the sink', () => {
    const doc = baseExport();
    doc.company.org_number = '123';
    const { sink, events } = recorder();
    expect(checkJsonExport(write(jsonText(doc)), { ...options, writeAsRead: sink })).toMatchObject({ ok: false, writtenAsRead: false });
    expect(events).toEqual([]);
  });
});
