import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { formatImportProblem, formatImportWarning } from '../../src/import/problems.js';
import { readPayrollExport } from '../../src/import/read-payroll-export.js';
import type { PayrollImportResult } from '../../src/import/types.js';
import {
  badCases,
  baseExport,
  csvFiles,
  FIXTURE_CSV,
  FIXTURE_JSON,
  fixtureExport,
  manyProblemsCase,
  writeCsvExport,
  writeJsonExport,
} from './support/exports.js';

const dir = mkdtempSync(join(tmpdir(), 'payslips-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const options = { referenceDate: '2026-01-15' };

function imported(result: PayrollImportResult) {
  if (!result.ok) throw new Error(`import refused:\n${result.problems.map(formatImportProblem).join('\n')}`);
  return result;
}

describe('the fixture export', () => {
  test('payroll.json and payroll-csv/ import to the same data, with the same warnings', async () => {
    const json = imported(await readPayrollExport(FIXTURE_JSON, options));
    const csv = imported(await readPayrollExport(FIXTURE_CSV, options));
    expect(json.format).toBe('json');
    expect(csv.format).toBe('csv');
    expect(csv.export).toEqual(json.export);
    const withoutPlace = (r: typeof json) => r.warnings.map(({ employeeNumber, field, message }) => ({ employeeNumber, field, message }));
    expect(withoutPlace(csv)).toEqual(withoutPlace(json));
    expect(json.export.payRuns.map((run) => [run.key, run.status, run.payslips.length])).toEqual([
      ['2025-10', 'final', 10],
      ['2025-11', 'final', 10],
      ['2025-12', 'preliminary', 9],
    ]);
  });

  test('payroll-csv/ is what the CSV writer makes of payroll.json (regenerate it when the JSON changes)', () => {
    const files = csvFiles(fixtureExport(), { decimalComma: true, booleanWords: ['ja', 'nej'], lineEnding: '\r\n', bom: true });
    for (const [name, text] of Object.entries(files)) {
      expect({ name, text: readFileSync(join(FIXTURE_CSV, name), 'utf8') }).toEqual({ name, text });
    }
  });

  test('per-employee problems are warnings that point at the record, not refusals', async () => {
    const json = imported(await readPayrollExport(FIXTURE_JSON, options));
    expect(json.warnings.map(formatImportWarning)).toEqual([
      expect.stringMatching(/payroll\.json:\d+: employee 1007: address: incomplete \(no postal_code\); a payslip for this employee cannot be printed$/),
      expect.stringMatching(/payroll\.json:\d+: employee 1008: personnummer: missing; payslips for this employee will fail until it is added$/),
      expect.stringMatching(/payroll\.json:\d+: employee 1009: personnummer: not a valid personnummer: the check digit is wrong; payslips/),
    ]);
    const csv = imported(await readPayrollExport(FIXTURE_CSV, options));
    expect(csv.warnings.map((w) => `${w.file.slice(FIXTURE_CSV.length + 1)}:${w.line}: ${w.employeeNumber}`)).toEqual([
      'employees.csv:8: 1007',
      'employees.csv:9: 1008',
      'employees.csv:10: 1009',
    ]);
    const byNumber = new Map(json.export.employees.map((e) => [e.employeeNumber, e]));
    expect(byNumber.get('1002')).toMatchObject({ personnummer: '198306092399', personnummerInput: '8306092399', personnummerProblem: null });
    expect(byNumber.get('1003')).toMatchObject({ personnummer: '197302889931', personnummerKind: 'samordningsnummer', print: true, kivra: null });
    expect(byNumber.get('1008')).toMatchObject({ personnummer: null, personnummerProblem: 'missing' });
    expect(byNumber.get('1009')).toMatchObject({ personnummer: null, personnummerInput: '19820305-2398', personnummerProblem: 'invalid' });
    expect(byNumber.get('1010')).toMatchObject({ kivra: false, print: null });
  });
});

describe('JSON and CSV give the same result for the same data', () => {
  const variants = {
    'plain CSV': {},
    'Swedish Excel: decimal comma, ja/nej, CRLF, BOM': { decimalComma: true, booleanWords: ['ja', 'nej'], lineEnding: '\r\n', bom: true },
    '1/0 booleans': { booleanWords: ['1', '0'] },
  } as const;

  test.each(Object.entries(variants))('%s', async (name, variant) => {
    const doc = baseExport();
    doc.employees[0].kivra = true;
    doc.employees[1].print = false;
    doc.employees[1].address = null;
    doc.pay_runs[0].payslips[1].lines[0].quantity = '2.5';
    const json = imported(await readPayrollExport(writeJsonExport(join(dir, name), doc), options));
    const csv = imported(await readPayrollExport(writeCsvExport(join(dir, name, 'csv'), csvFiles(doc, variant)), options));
    expect(csv.export).toEqual(json.export);
    expect(json.export.employees.map((e) => [e.kivra, e.print])).toEqual([
      [true, null],
      [null, false],
    ]);
    expect(json.export.payRuns[0]!.payslips[1]).toMatchObject({ grossPayOre: 3_162_300, netPayOre: 2_312_300, vacation: { daysRemaining: null } });
  });

  test('semicolon-separated CSV, as Swedish Excel saves it, is read too', async () => {
    const doc = baseExport();
    const files = csvFiles(doc, { decimalComma: true });
    const semicolons = Object.fromEntries(
      Object.entries(files).map(([name, text]) => [name, text === null ? null : text.replace(/"([^"]*)"|,/g, (m, quoted: string | undefined) => (quoted !== undefined ? quoted : ';'))]),
    );
    const json = imported(await readPayrollExport(writeJsonExport(join(dir, 'semi'), doc), options));
    const csv = imported(await readPayrollExport(writeCsvExport(join(dir, 'semi', 'csv'), semicolons), options));
    expect(csv.export).toEqual(json.export);
  });
});

describe('the bad-input corpus', () => {
  test.each([...badCases(), manyProblemsCase()].map((c) => [c.name, c] as const))('%s: every problem listed as file:line: field: message', async (name, badCase) => {
    const from = badCase.write(join(dir, 'bad', name.replaceAll(' ', '-')));
    const result = await readPayrollExport(from, options);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems.map(formatImportProblem)).toEqual(badCase.problems(from));
  });

  test('a single CSV file instead of the directory, a missing path and non-UTF-8 text are problems, not crashes', async () => {
    const csvDir = writeCsvExport(join(dir, 'one'), csvFiles(baseExport()));
    const single = await readPayrollExport(join(csvDir, 'payslips.csv'), options);
    expect(single.ok ? [] : single.problems.map(formatImportProblem)).toEqual([
      `${join(csvDir, 'payslips.csv')}: give the directory that holds the CSV files (company.csv, employees.csv, pay_runs.csv, payslips.csv, payslip_lines.csv), not one of them`,
    ]);
    const missing = await readPayrollExport(join(dir, 'nope.json'), options);
    expect(missing.ok ? [] : missing.problems.map(formatImportProblem)).toEqual([`${join(dir, 'nope.json')}: cannot read: no such file or directory`]);
    const latin1 = join(dir, 'latin1');
    writeCsvExport(latin1, { ...csvFiles(baseExport()), 'employees.csv': null });
    writeFileSync(join(latin1, 'employees.csv'), Buffer.from(csvFiles(baseExport())['employees.csv']!, 'latin1'));
    const notUtf8 = await readPayrollExport(latin1, options);
    expect(notUtf8.ok ? [] : notUtf8.problems.map(formatImportProblem)).toEqual([
      `${join(latin1, 'employees.csv')}:3: not UTF-8 text; save the export as UTF-8 (in Excel: "CSV UTF-8")`,
    ]);
  });
});
